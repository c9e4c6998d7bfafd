package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/cpu}.
 *
 * @param iterations the rounds of SHA-256 computed
 * @param sha256 the final digest, hex, lower case
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record CpuResponse(int iterations, String sha256, @Nullable Trace trace) {
}
