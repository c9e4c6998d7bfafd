package dev.threadlab.shared.contract;

import java.time.Instant;

/**
 * How one request went through the server: in which order it arrived and finished, and
 * which threads took it.
 *
 * @param app {@code blocking}, {@code reactive} or {@code virtual}
 * @param model {@code thread-per-request}, {@code event-loop} or {@code virtual-threads}
 * @param requestId the caller's {@code X-Request-Id}, or a new one
 * @param arrival this process's count of requests when this one arrived
 * @param completion this process's count of finished requests when this one finished
 * @param receivedAt when the server began handling the request
 * @param completedAt when the response was produced
 * @param elapsedMs time between the two, in milliseconds
 * @param startThread the thread that began handling the request
 * @param endThread the thread that produced the response
 */
public record Trace(String app, String model, String requestId, long arrival, long completion, Instant receivedAt,
		Instant completedAt, double elapsedMs, String startThread, String endThread) {
}
