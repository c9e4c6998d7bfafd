package dev.threadlab.dashboard.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LoadPlan}.
 */
class LoadPlanTests {

	@Test
	void theClosedLimitIsConcurrencyOverDelay() {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, 400, Duration.ofSeconds(10));
		assertThat(plan.limitPerSecond()).isEqualTo(400.0);
		assertThat(plan.efficiency(360)).isCloseTo(0.9, within(1e-9));
		assertThat(LoadPlan.closed("/api/items/1", 250, 100, Duration.ofSeconds(10)).limitPerSecond()).isEqualTo(400.0);
	}

	@Test
	void theOpenLimitIsTheRate() {
		LoadPlan plan = LoadPlan.open("/api/items/1", 1000, 500, Duration.ofSeconds(10));
		assertThat(plan.limitPerSecond()).isEqualTo(500.0);
		assertThat(plan.efficiency(250)).isEqualTo(0.5);
	}

	@Test
	void withoutADelayThereIsNoLimitToBeEfficientAgainst() {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 0, 64, Duration.ofSeconds(10));
		assertThat(plan.limitPerSecond()).isZero();
		assertThat(plan.efficiency(30_000)).isZero();
	}

	@Test
	void theDelayGoesIntoTheQuery() {
		assertThat(LoadPlan.closed("/api/items/1", 1000, 10, Duration.ofSeconds(1)).pathAndQuery())
			.isEqualTo("/api/items/1?delayMs=1000");
	}

	@Test
	void runsAreBounded() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.closed("/api/items/1", 0, 10_001, Duration.ofSeconds(10)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.closed("/api/items/1", 0, 10, Duration.ofSeconds(61)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.open("/api/items/1", 0, LoadPlan.MAX_RATE + 1, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.closed("http://elsewhere/api/items/1", 0, 10, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.closed("/api/items/1?delayMs=5", 0, 10, Duration.ofSeconds(1)));
	}

}
