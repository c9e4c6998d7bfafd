package dev.threadlab.dashboard.load;

/**
 * One interval of a running load run, for watching it live.
 *
 * @param app the app's name
 * @param elapsedMs since the run started, warm-up included
 * @param warmingUp whether the run is still in its warm-up, whose answers are not counted
 * @param throughput answers a second in this interval
 * @param latency the latency of the answers in this interval
 * @param inFlight requests in flight now
 * @param errors requests that failed so far, warm-up included
 * @param rssBytes the app's resident memory at the last sample, or -1 when its pid is not
 * known
 */
public record LoadProgress(String app, long elapsedMs, boolean warmingUp, double throughput, Latency latency,
		long inFlight, long errors, long rssBytes) {
}
