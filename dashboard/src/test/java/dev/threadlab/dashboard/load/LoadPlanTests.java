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

	@Test
	void aWarmUpIsBoundedAndCountsInTheMinute() {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, 10, Duration.ofSeconds(15));
		assertThat(plan.warmup()).isZero();
		assertThat(plan.withWarmup(Duration.ofSeconds(3)).warmup()).isEqualTo(Duration.ofSeconds(3));
		assertThat(LoadPlan.closed("/api/items/1", 1000, 10, Duration.ofSeconds(30))
			.withWarmup(LoadPlan.MAX_WARMUP)
			.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThatIllegalArgumentException().isThrownBy(() -> plan.withWarmup(Duration.ofSeconds(31)));
		assertThatIllegalArgumentException().isThrownBy(() -> plan.withWarmup(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LoadPlan.closed("/api/items/1", 1000, 10, Duration.ofSeconds(50))
				.withWarmup(Duration.ofSeconds(11)))
			.withMessageContaining("60 s in all");
		assertThatIllegalArgumentException().isThrownBy(() -> new LoadPlan(LoadPlan.Model.CLOSED, "/api/items/1", 0, 5,
				100, Duration.ofSeconds(10), 0, Duration.ofSeconds(1)));
	}

	@Test
	void theFormLeavesTheWarmUpOutUnlessAsked() {
		LoadForm form = new LoadForm(null, null, 1000, "open", null, 500, 10, null);
		assertThat(form.plan().warmup()).isZero();
		LoadForm warm = new LoadForm(null, null, 1000, "open", null, 500, 10, 2);
		assertThat(warm.plan().warmup()).isEqualTo(Duration.ofSeconds(2));
		assertThat(warm.plan().rate()).isEqualTo(500);
	}

}
