package dev.threadlab.dashboard.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link Latency}.
 */
class LatencyTests {

	@Test
	void percentilesOfOneToTenThousandMilliseconds() {
		Histogram micros = new Histogram(300_000_000L, 3);
		for (long ms = 1; ms <= 10_000; ms++) {
			micros.recordValue(ms * 1000);
		}
		Latency latency = Latency.of(micros);
		assertThat(latency.count()).isEqualTo(10_000);
		// three significant digits: each figure within 0.1%
		assertThat(latency.p50()).isCloseTo(5000, within(5.0));
		assertThat(latency.p90()).isCloseTo(9000, within(9.0));
		assertThat(latency.p99()).isCloseTo(9900, within(10.0));
		assertThat(latency.p999()).isCloseTo(9990, within(10.0));
		assertThat(latency.max()).isCloseTo(10_000, within(10.0));
	}

	@Test
	void aFewSlowAnswersShowInTheTailNotTheMedian() {
		Histogram micros = new Histogram(300_000_000L, 3);
		micros.recordValueWithCount(1_000_000, 985);
		micros.recordValueWithCount(7_000_000, 15);
		Latency latency = Latency.of(micros);
		assertThat(latency.p50()).isCloseTo(1000, within(1.0));
		assertThat(latency.p90()).isCloseTo(1000, within(1.0));
		assertThat(latency.p99()).isCloseTo(7000, within(7.0));
		assertThat(latency.max()).isCloseTo(7000, within(7.0));
	}

	@Test
	void noAnswersAreAllZero() {
		assertThat(Latency.of(new Histogram(3))).isEqualTo(Latency.NONE);
	}

}
