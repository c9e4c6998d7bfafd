package dev.threadlab.dashboard.bench;

import dev.threadlab.dashboard.load.LoadResult;

/**
 * One line of the benchmark's results.
 *
 * @param contender {@code blocking}, {@code reactive} or {@code virtual}
 * @param series {@link #SWEEP}, {@link #NO_DELAY}, {@link #NO_DELAY_TRACE_ON},
 * {@link #NO_DELAY_TRACE_OFF} or {@link #OPEN}
 * @param result what the run measured
 * @param costs what the run cost the contender, from its {@code /api/costs}
 */
record BenchRow(String contender, String series, LoadResult result, RunCosts costs) {

	/**
	 * A line whose costs are not known.
	 * @param contender {@code blocking}, {@code reactive} or {@code virtual}
	 * @param series the series
	 * @param result what the run measured
	 */
	BenchRow(String contender, String series, LoadResult result) {
		this(contender, series, result, RunCosts.UNKNOWN);
	}

	/** A level of the concurrency sweep, with the delay. */
	static final String SWEEP = "sweep";

	/** The no-delay run: the CPU ceiling. */
	static final String NO_DELAY = "no-delay";

	/**
	 * The no-delay run with request tracing on, taken in turn with
	 * {@link #NO_DELAY_TRACE_OFF}.
	 */
	static final String NO_DELAY_TRACE_ON = "no-delay-trace-on";

	/** The no-delay run with request tracing off. */
	static final String NO_DELAY_TRACE_OFF = "no-delay-trace-off";

	/** The open-model level, with the delay. */
	static final String OPEN = "open";

	/**
	 * The name the second, tracing-on start of a contender goes by in the warm-ups.
	 * @param contender the contender
	 * @return such as {@code blocking, tracing on}
	 */
	static String pairedLabel(String contender) {
		return contender + ", tracing on";
	}

	/** Tomcat's default request threads: blocking-app's own ceiling. */
	static final int TOMCAT_THREADS = 200;

	/**
	 * The most this contender's model can serve at this level: concurrency / delay (open
	 * model: the rate), or for the thread-per-request app on platform threads no more
	 * than its threads / delay.
	 * @return requests a second, or 0 without a delay
	 */
	double modelCeiling() {
		int delayMs = this.result.plan().delayMs();
		if (delayMs == 0) {
			return 0;
		}
		double threadsCeiling = "blocking".equals(this.contender) ? TOMCAT_THREADS * 1000.0 / delayMs
				: Double.MAX_VALUE;
		return Math.min(this.result.plan().limitPerSecond(), threadsCeiling);
	}

	/**
	 * Throughput as a share of {@link #modelCeiling()}.
	 * @return the share, or 0 without a delay
	 */
	double ceilingEfficiency() {
		double ceiling = modelCeiling();
		return (ceiling > 0) ? this.result.throughput() / ceiling : 0;
	}

}
