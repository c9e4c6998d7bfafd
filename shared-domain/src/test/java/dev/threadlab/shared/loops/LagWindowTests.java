package dev.threadlab.shared.loops;

import dev.threadlab.shared.contract.LoopLag;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LagWindowTests {

	@Test
	void anEmptyWindowReadsZeroLag() {
		assertThat(new LagWindow(10).lag(0, 0)).isEqualTo(new LoopLag(0, 0, 0, 0));
	}

	@Test
	void percentilesCoverTheIntervalsInTheWindowAndMaxCoversTheProbeWaitingNow() {
		LagWindow window = new LagWindow(3);
		window.add(interval(100, 99)); // 99 probes 100 µs late
		window.add(interval(2_000_000, 1)); // one 2 s late
		LoopLag lag = window.lag(300, 0);
		assertThat(lag.now()).isEqualTo(0.3);
		assertThat(lag.p50()).isCloseTo(0.1, within(0.01));
		assertThat(lag.max()).isCloseTo(2000, within(2000 * 0.01));
		assertThat(window.lag(5_000_000, 0).max()).as("a loop held longer than anything recorded")
			.isCloseTo(5000, within(0.01));
		assertThat(window.lag(0, 3_000_000).max()).as("a lateness not yet turned into the window")
			.isCloseTo(3000, within(0.01));
	}

	@Test
	void anIntervalLeavesTheWindowAfterAsManyTurnsAsItHolds() {
		LagWindow window = new LagWindow(3);
		window.add(interval(2_000_000, 1));
		window.add(interval(100, 10));
		window.add(interval(100, 10));
		assertThat(window.lag(0, 0).max()).isGreaterThan(1000);
		window.add(interval(100, 10));
		assertThat(window.lag(0, 0).max()).isLessThan(1);
		assertThat(window.lag(0, 0).p99()).isLessThan(1);
	}

	private static Histogram interval(long micros, int count) {
		Histogram histogram = LagWindow.newHistogram();
		histogram.recordValueWithCount(micros, count);
		return histogram;
	}

}
