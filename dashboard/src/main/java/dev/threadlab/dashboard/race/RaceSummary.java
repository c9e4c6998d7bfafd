package dev.threadlab.dashboard.race;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.threadlab.shared.contract.Trace;
import org.jspecify.annotations.Nullable;

/**
 * How one app did in a race.
 *
 * @param app the app
 * @param answered requests answered with a 2xx
 * @param failed requests that got an error or no answer
 * @param arrivalOrder labels in the order the server took them
 * @param completionOrder labels in the order the server finished them
 * @param threads distinct threads that began handling them
 * @param totalMs from the race's start to the last answer
 * @param maxWaitingMs the longest time a request waited unseen by the server
 * @param probes how many probes it answered (or failed)
 * @param probeMedianMs the probes' median latency, or -1 without probes
 * @param probeMaxMs the probes' longest latency, or -1 without probes
 * @param counter what the shared counter race counted, {@code null} in other races
 * @param leg the app's run it sums up ({@link RaceLeg#key()}): the app's name, or
 * {@code <app>@<threads>} in a round on a Tomcat thread count
 */
public record RaceSummary(String app, int answered, int failed, List<String> arrivalOrder, List<String> completionOrder,
		int threads, double totalMs, double maxWaitingMs, int probes, double probeMedianMs, double probeMaxMs,
		@Nullable Counted counter, String leg) {

	/**
	 * How one app did in a race without a counter.
	 * @param app the app
	 * @param answered requests answered with a 2xx
	 * @param failed requests that got an error or no answer
	 * @param arrivalOrder labels in the order the server took them
	 * @param completionOrder labels in the order the server finished them
	 * @param threads distinct threads that began handling them
	 * @param totalMs from the race's start to the last answer
	 * @param maxWaitingMs the longest time a request waited unseen by the server
	 * @param probes how many probes it answered (or failed)
	 * @param probeMedianMs the probes' median latency, or -1 without probes
	 * @param probeMaxMs the probes' longest latency, or -1 without probes
	 */
	public RaceSummary(String app, int answered, int failed, List<String> arrivalOrder, List<String> completionOrder,
			int threads, double totalMs, double maxWaitingMs, int probes, double probeMedianMs, double probeMaxMs) {
		this(app, answered, failed, arrivalOrder, completionOrder, threads, totalMs, maxWaitingMs, probes,
				probeMedianMs, probeMaxMs, null, app);
	}

	/**
	 * The same summary with what the app's shared counter counted.
	 * @param counted the counter and what it should hold
	 * @return the summary
	 */
	RaceSummary with(Counted counted) {
		return new RaceSummary(this.app, this.answered, this.failed, this.arrivalOrder, this.completionOrder,
				this.threads, this.totalMs, this.maxWaitingMs, this.probes, this.probeMedianMs, this.probeMaxMs,
				counted, this.leg);
	}

	/**
	 * The shared counter after a race.
	 *
	 * @param expected the increments the answered requests made
	 * @param counted what the counter holds
	 */
	public record Counted(long expected, long counted) {

		/**
		 * The updates lost.
		 * @return expected minus counted
		 */
		public long lost() {
			return this.expected - this.counted;
		}

	}

	static RaceSummary of(RaceLeg leg, Collection<RaceResult> results) {
		List<RaceResult> mine = results.stream().filter((result) -> result.leg().equals(leg.key())).toList();
		int answered = (int) mine.stream().filter((result) -> result.status() / 100 == 2).count();
		Comparator<RaceResult> byArrival = Comparator
			.comparingDouble(
					(RaceResult result) -> (result.trace() != null) ? result.trace().arrival() : Double.MAX_VALUE)
			.thenComparingInt(RaceResult::index);
		Comparator<RaceResult> byCompletion = Comparator
			.comparingDouble(
					(RaceResult result) -> (result.trace() != null) ? result.trace().completion() : Double.MAX_VALUE)
			.thenComparingDouble(RaceResult::doneMs);
		// A probe that got no answer waited at least as long as it was given.
		double[] probes = mine.stream().filter(RaceResult::probe).mapToDouble(RaceResult::latencyMs).sorted().toArray();
		Set<String> threads = new HashSet<>();
		mine.stream()
			.map(RaceResult::trace)
			.filter((trace) -> trace != null)
			.map(Trace::startThread)
			.forEach(threads::add);
		return new RaceSummary(leg.app(), answered, mine.size() - answered,
				mine.stream().sorted(byArrival).map(RaceResult::label).toList(),
				mine.stream().sorted(byCompletion).map(RaceResult::label).toList(), threads.size(),
				mine.stream().mapToDouble(RaceResult::doneMs).max().orElse(0),
				mine.stream().mapToDouble(RaceResult::waitingMs).max().orElse(0), probes.length, median(probes),
				(probes.length > 0) ? probes[probes.length - 1] : -1, null, leg.key());
	}

	private static double median(double[] sorted) {
		if (sorted.length == 0) {
			return -1;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

}
