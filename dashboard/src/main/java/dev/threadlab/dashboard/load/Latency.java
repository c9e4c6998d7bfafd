package dev.threadlab.dashboard.load;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution's figures, in milliseconds.
 *
 * @param count how many latencies it holds
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the longest
 */
public record Latency(long count, double p50, double p90, double p99, double p999, double max) {

	/** No latencies. */
	public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

	/**
	 * The figures of a histogram of microseconds.
	 * @param micros latencies in microseconds
	 * @return its figures in milliseconds
	 */
	public static Latency of(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return NONE;
		}
		return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
				ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
				ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
	}

	private static double ms(long micros) {
		return micros / 1000.0;
	}

}
