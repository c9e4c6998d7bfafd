package dev.threadlab.shared.contract;

/**
 * How late an event loop runs a task that is due, in milliseconds: a probe is scheduled
 * on the loop every 20 ms, and its lateness is the lag.
 *
 * @param now the age of the probe still waiting to run: a loop held right now shows it at
 * once, growing until the loop is free
 * @param p50 the median lateness over the last 10 s
 * @param p99 the 99th percentile over the last 10 s
 * @param max the most over the last 10 s, {@code now} included
 */
public record LoopLag(double now, double p50, double p99, double max) {
}
