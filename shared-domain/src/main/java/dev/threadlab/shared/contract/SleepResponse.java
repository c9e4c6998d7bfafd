package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/sleep}.
 *
 * @param sleptMs how long the handler slept
 * @param offloaded whether the sleep ran on a worker pool instead of the request's thread
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record SleepResponse(long sleptMs, boolean offloaded, @Nullable Trace trace) {
}
