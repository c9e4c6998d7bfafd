package dev.threadlab.dashboard.load;

/**
 * One interval of a running load run, for watching it live.
 *
 * @param app the app's name
 * @param elapsedMs since the run started
 * @param throughput answers a second in this interval
 * @param latency the latency of the answers in this interval
 * @param inFlight requests in flight now
 * @param errors requests that failed so far
 */
public record LoadProgress(String app, long elapsedMs, double throughput, Latency latency, long inFlight, long errors) {
}
