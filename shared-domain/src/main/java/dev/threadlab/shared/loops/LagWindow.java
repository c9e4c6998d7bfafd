package dev.threadlab.shared.loops;

import dev.threadlab.shared.contract.LoopLag;
import org.HdrHistogram.Histogram;

/**
 * The lag a probe measured over the last few intervals: a ring of interval histograms
 * (one a second), summed only when read, so that an app nobody watches spends nothing on
 * it. The turns and the reads happen off the loop, and may hold this window's lock.
 */
final class LagWindow {

	/** Microseconds: a probe is at most an hour late, or it is counted as an hour. */
	static final long HIGHEST_MICROS = 3_600_000_000L;

	private final Histogram[] intervals;

	private final Histogram sum = newHistogram();

	private int next;

	private boolean turned;

	private Summary summary = new Summary(0, 0, 0);

	LagWindow(int intervals) {
		this.intervals = new Histogram[intervals];
		for (int i = 0; i < intervals; i++) {
			this.intervals[i] = newHistogram();
		}
	}

	static Histogram newHistogram() {
		// Two significant digits: a lag read in milliseconds needs no more.
		return new Histogram(1, HIGHEST_MICROS, 2);
	}

	/**
	 * Puts one interval in the ring, dropping the oldest.
	 * @param interval the interval's lateness, in microseconds
	 */
	synchronized void add(Histogram interval) {
		Histogram slot = this.intervals[this.next];
		slot.reset();
		slot.add(interval);
		this.next = (this.next + 1) % this.intervals.length;
		this.turned = true;
	}

	private synchronized Summary summary() {
		if (this.turned) {
			this.sum.reset();
			for (Histogram histogram : this.intervals) {
				this.sum.add(histogram);
			}
			this.summary = new Summary(this.sum.getValueAtPercentile(50), this.sum.getValueAtPercentile(99),
					this.sum.getMaxValue());
			this.turned = false;
		}
		return this.summary;
	}

	/**
	 * The lag as {@code /api/loops} answers it.
	 * @param nowMicros the age of the probe waiting now
	 * @param recentMaxMicros the most lateness seen since the last interval was added
	 * @return the lag, in milliseconds
	 */
	LoopLag lag(long nowMicros, long recentMaxMicros) {
		Summary read = summary();
		long max = Math.max(read.max(), Math.max(nowMicros, recentMaxMicros));
		return new LoopLag(millis(nowMicros), millis(read.p50()), millis(read.p99()), millis(max));
	}

	private static double millis(long micros) {
		return Math.round(micros / 10.0) / 100.0;
	}

	private record Summary(long p50, long p99, long max) {
	}

}
