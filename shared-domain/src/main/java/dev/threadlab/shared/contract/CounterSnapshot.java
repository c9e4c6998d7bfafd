package dev.threadlab.shared.contract;

/**
 * The answer of {@code GET} and {@code DELETE /api/lab/counter}: the shared counter now.
 *
 * @param value its value
 */
public record CounterSnapshot(long value) {
}
