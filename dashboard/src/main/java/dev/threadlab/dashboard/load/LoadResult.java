package dev.threadlab.dashboard.load;

import java.util.Map;

/**
 * What one load run on one app measured.
 *
 * @param app the app's name
 * @param plan what was sent
 * @param elapsedMs from the first request to the last answer
 * @param sent requests sent
 * @param ok answers with a 2xx status
 * @param errors the other outcomes, by kind ({@code http 503}, {@code timeout},
 * {@code connect}, ...)
 * @param throughput 2xx answers a second
 * @param efficiency throughput as a share of the plan's limit, or 0 without a delay
 * @param latency the latency of every answer, errors included (open model: from when the
 * request was due)
 * @param peakClientInFlight the most requests the engine had in flight
 * @param peakServerInFlight the most requests the app said it was serving, or -1 when it
 * never answered a sample
 * @param peakThreads the most live threads: the OS's count for a process the engine
 * knows, else the app's own, or -1
 * @param peakVirtualThreads the most requests the app said ran on virtual threads (not in
 * {@code peakThreads}), or -1
 * @param peakHeapBytes the most heap the app said it used, or -1
 * @param peakRssBytes the most resident memory of the app's process, or -1 when its pid
 * is not known
 * @param serverCpu the app's mean CPU share of the machine during the run, or -1
 * @param engineCpu the load engine's JVM's CPU share of the machine during the run
 */
public record LoadResult(String app, LoadPlan plan, long elapsedMs, long sent, long ok, Map<String, Long> errors,
		double throughput, double efficiency, Latency latency, long peakClientInFlight, long peakServerInFlight,
		long peakThreads, long peakVirtualThreads, long peakHeapBytes, long peakRssBytes, double serverCpu,
		double engineCpu) {

	/**
	 * All the requests that did not get a 2xx answer.
	 * @return the sum of {@link #errors()}
	 */
	public long errorCount() {
		return this.errors.values().stream().mapToLong(Long::longValue).sum();
	}

}
