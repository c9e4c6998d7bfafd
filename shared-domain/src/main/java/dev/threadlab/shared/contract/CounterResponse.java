package dev.threadlab.shared.contract;

/**
 * The answer of {@code POST /api/lab/counter}.
 *
 * @param mode {@code unsafe} or {@code atomic}
 * @param n the increments this request made
 * @param value the counter after this request's last increment (others may have counted
 * since)
 */
public record CounterResponse(String mode, int n, long value) {
}
