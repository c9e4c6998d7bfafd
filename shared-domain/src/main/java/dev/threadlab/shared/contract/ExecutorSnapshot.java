package dev.threadlab.shared.contract;

/**
 * A pool of threads that work is handed to, at one moment.
 *
 * @param name the pool, such as {@code boundedElastic}, {@code parallel} or
 * {@code file-io}
 * @param pool the lab's pool for its threads, {@code worker-pool} or {@code timers}
 * @param threads its threads alive now
 * @param max the most threads it starts
 * @param busy its threads running a task now
 * @param queued tasks handed to it and not yet started (for {@code timers}: timers set
 * and not yet fired too)
 */
public record ExecutorSnapshot(String name, String pool, int threads, int max, int busy, int queued) {
}
