package dev.threadlab.dashboard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The stabilising warm-up of one started contender: no-delay runs until two in a row
 * agree on throughput. A JVM's throughput climbs over its first runs while the JIT
 * compiles the hot paths, and a ceiling measured on that climb says more about the JIT
 * than about the server.
 *
 * @param contender the contender's name
 * @param traceOff whether it ran with request tracing off
 * @param throughputs each warm-up run's throughput, in order
 * @param stable whether the last two agreed
 */
record Stabilisation(String contender, boolean traceOff, List<Double> throughputs, boolean stable) {

	private static final Log logger = LogFactory.getLog(Stabilisation.class);

	/**
	 * One warm-up run.
	 */
	@FunctionalInterface
	interface WarmupRun {

		/**
		 * Runs it.
		 * @return its throughput
		 * @throws InterruptedException when interrupted
		 */
		double throughput() throws InterruptedException;

	}

	/**
	 * Runs warm-up runs until the last two agree, or the rule's most runs or its budget
	 * are spent; the fewest runs always run.
	 * @param contender the contender's name
	 * @param traceOff whether it runs with tracing off
	 * @param rule how many runs, how long, how close
	 * @param next one warm-up run
	 * @return what the warm-up took
	 * @throws InterruptedException when interrupted
	 */
	static Stabilisation run(String contender, boolean traceOff, BenchProperties.Stabilise rule, WarmupRun next)
			throws InterruptedException {
		long deadline = System.nanoTime() + rule.budget().toNanos();
		List<Double> throughputs = new ArrayList<>();
		boolean stable = false;
		while (true) {
			double throughput = next.throughput();
			throughputs.add(throughput);
			int runs = throughputs.size();
			stable = runs >= rule.minRuns() && agree(throughputs.get(runs - 2), throughput, rule.tolerance());
			logger.info(String.format(Locale.ROOT, "Warm-up run %d of %s%s: %.0f/s%s", runs, contender,
					traceOff ? " (tracing off)" : "", throughput,
					(runs > 1)
							? String.format(Locale.ROOT, ", %+.1f%% on the last%s",
									(throughput / throughputs.get(runs - 2) - 1) * 100, stable ? ": stable" : "")
							: ""));
			if (stable || runs >= rule.maxRuns() || (runs >= rule.minRuns() && System.nanoTime() >= deadline)) {
				break;
			}
		}
		if (!stable) {
			logger.warn(contender + " did not settle in " + throughputs.size() + " warm-up runs");
		}
		return new Stabilisation(contender, traceOff, List.copyOf(throughputs), stable);
	}

	/**
	 * Whether two throughputs agree.
	 * @param a one
	 * @param b the other
	 * @param tolerance how far apart they may be, as a share of the larger
	 * @return whether they are that close, and not both 0
	 */
	static boolean agree(double a, double b, double tolerance) {
		double larger = Math.max(a, b);
		return larger > 0 && Math.abs(a - b) <= tolerance * larger;
	}

	/**
	 * What it took, for the report.
	 * @return such as {@code reactive: 3 runs (1602, 3210, 3305/s)}
	 */
	String describe() {
		String figures = this.throughputs.stream()
			.map((throughput) -> String.format(Locale.ROOT, "%.0f", throughput))
			.collect(Collectors.joining(", ", "(", "/s)"));
		String who = this.contender + (this.traceOff ? " with tracing off" : "");
		int runs = this.throughputs.size();
		return this.stable ? who + ": " + runs + " runs " + figures
				: who + ": not stable after " + runs + " runs " + figures;
	}

}
