package dev.threadlab.shared.contract;

/**
 * The answer of {@code GET /api/cpu}.
 *
 * @param iterations the rounds of SHA-256 computed
 * @param sha256 the final digest, hex, lower case
 * @param trace how the request went
 */
public record CpuResponse(int iterations, String sha256, Trace trace) {
}
