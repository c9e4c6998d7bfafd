package dev.threadlab.shared.contract;

/**
 * The answer of {@code GET /api/sleep}.
 *
 * @param sleptMs how long the handler slept
 * @param offloaded whether the sleep ran on a worker pool instead of the request's thread
 * @param trace how the request went
 */
public record SleepResponse(long sleptMs, boolean offloaded, Trace trace) {
}
