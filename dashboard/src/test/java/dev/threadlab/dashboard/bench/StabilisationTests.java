package dev.threadlab.dashboard.bench;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link Stabilisation}: the warm-up runs until two in a row agree.
 */
class StabilisationTests {

	private static final BenchProperties.Stabilise RULE = new BenchProperties.Stabilise(Duration.ofSeconds(5),
			Duration.ofSeconds(3), 2, 8, 3, Duration.ofMinutes(1), 0.05);

	private static Stabilisation warmUp(BenchProperties.Stabilise rule, Double... throughputs)
			throws InterruptedException {
		Iterator<Double> runs = List.of(throughputs).iterator();
		return Stabilisation.run("reactive", false, rule, runs::next);
	}

	@Test
	void aClimbingJvmIsWarmedUpUntilTwoRunsInARowAgree() throws InterruptedException {
		Stabilisation warmup = warmUp(RULE, 1600.0, 3200.0, 5500.0, 5600.0, 9999.0);
		assertThat(warmup.throughputs()).containsExactly(1600.0, 3200.0, 5500.0, 5600.0);
		assertThat(warmup.stable()).isTrue();
		assertThat(warmup.describe()).isEqualTo("reactive: 4 runs (1600, 3200, 5500, 5600/s)");
	}

	@Test
	void twoRunsAreTheFewest() throws InterruptedException {
		Stabilisation warmup = warmUp(RULE, 5000.0, 5100.0, 9999.0);
		assertThat(warmup.throughputs()).hasSize(2);
		assertThat(warmup.stable()).isTrue();
	}

	@Test
	void aWarmUpThatNeverSettlesStopsAtTheMostRunsAndSaysSo() throws InterruptedException {
		Stabilisation warmup = warmUp(RULE, 1000.0, 2000.0, 1000.0, 2000.0, 1000.0, 2000.0, 1000.0, 2000.0, 9999.0);
		assertThat(warmup.throughputs()).hasSize(8);
		assertThat(warmup.stable()).isFalse();
		assertThat(warmup.describe()).startsWith("reactive: not stable after 8 runs (1000, 2000");
	}

	@Test
	void noRunBeyondTheFewestStartsAfterTheBudget() throws InterruptedException {
		BenchProperties.Stabilise spent = new BenchProperties.Stabilise(Duration.ofSeconds(5), Duration.ofSeconds(3), 2,
				8, 3, Duration.ZERO, 0.05);
		Stabilisation warmup = warmUp(spent, 1000.0, 2000.0, 3000.0);
		assertThat(warmup.throughputs()).containsExactly(1000.0, 2000.0);
		assertThat(warmup.stable()).isFalse();
	}

	@Test
	void theQuickRunHasFewerWarmUpRuns() throws InterruptedException {
		Stabilisation warmup = warmUp(RULE.quick(), 1000.0, 2000.0, 3000.0, 4000.0);
		assertThat(warmup.throughputs()).containsExactly(1000.0, 2000.0, 3000.0);
		assertThat(warmup.stable()).isFalse();
	}

	@Test
	void aRuleNeedsTwoRunsToCompare() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BenchProperties.Stabilise(Duration.ofSeconds(5),
				Duration.ofSeconds(3), 1, 8, 3, Duration.ofMinutes(1), 0.05));
		assertThatIllegalArgumentException().isThrownBy(() -> new BenchProperties.Stabilise(Duration.ofSeconds(5),
				Duration.ofSeconds(3), 4, 8, 3, Duration.ofMinutes(1), 0.05));
	}

	@Test
	void runsAgreeWithinTheToleranceOfTheLarger() {
		assertThat(Stabilisation.agree(1000, 1050, 0.05)).isTrue();
		assertThat(Stabilisation.agree(1050, 1000, 0.05)).isTrue();
		assertThat(Stabilisation.agree(1000, 1060, 0.05)).isFalse();
		assertThat(Stabilisation.agree(0, 0, 0.05)).isFalse();
	}

	@Test
	void tracingOffIsNamed() {
		assertThat(new Stabilisation("blocking", true, List.of(4000.0, 4100.0), true).describe())
			.isEqualTo("blocking with tracing off: 2 runs (4000, 4100/s)");
	}

}
