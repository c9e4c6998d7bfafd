package dev.threadlab.dashboard.load;

import java.util.Map;

/**
 * What one load run on one app measured.
 *
 * @param app the app's name
 * @param plan what was sent
 * @param elapsedMs from the start of the measurement (the first request, or the end of
 * the warm-up) to the last answer
 * @param sent requests sent after the warm-up (open model: due after it)
 * @param ok the 2xx answers to those
 * @param errors the other outcomes of those, by kind ({@code http 503}, {@code timeout},
 * {@code connect}, ...)
 * @param throughput 2xx answers a second. Without a warm-up: all of them, from the first
 * request to the last answer (the run starts empty and is drained, so filling and
 * draining balance). After a warm-up: those that arrived within the measured duration,
 * whenever they were sent, divided by it; the run is full at both ends, and counting only
 * the answers to requests sent after the warm-up would leave out the server's work on the
 * queue it held when the measurement started
 * @param efficiency throughput as a share of the plan's limit, or 0 without a delay
 * @param latency the latency of every answer, errors included (open model: from when the
 * request was due)
 * @param peakClientInFlight the most requests the engine had in flight, warm-up included
 * @param peakServerInFlight the most requests the app said it was serving, or -1 when it
 * never answered a sample
 * @param peakThreads the most live threads: the OS's count for a process the engine
 * knows, else the app's own, or -1
 * @param peakVirtualThreads the most requests the app said ran on virtual threads (not in
 * {@code peakThreads}), or -1
 * @param peakHeapBytes the most heap the app said it used, or -1
 * @param peakRssBytes the most resident memory of the app's process, or -1 when its pid
 * is not known (given, or told by the app's {@code /actuator/info})
 * @param serverCpu the app's mean CPU share of the machine during the run, or -1
 * @param engineCpu the load engine's JVM's CPU share of the machine during the run,
 * warm-up included
 * @param warmupSent requests sent during the warm-up, not counted in any other figure
 */
public record LoadResult(String app, LoadPlan plan, long elapsedMs, long sent, long ok, Map<String, Long> errors,
		double throughput, double efficiency, Latency latency, long peakClientInFlight, long peakServerInFlight,
		long peakThreads, long peakVirtualThreads, long peakHeapBytes, long peakRssBytes, double serverCpu,
		double engineCpu, long warmupSent) {

	/**
	 * All the requests that did not get a 2xx answer.
	 * @return the sum of {@link #errors()}
	 */
	public long errorCount() {
		return this.errors.values().stream().mapToLong(Long::longValue).sum();
	}

}
