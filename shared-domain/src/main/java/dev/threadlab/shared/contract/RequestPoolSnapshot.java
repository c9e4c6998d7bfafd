package dev.threadlab.shared.contract;

/**
 * Tomcat's request thread pool at one moment.
 *
 * @param name the pool, {@code tomcat}
 * @param threads its threads alive now
 * @param busy its threads running a request now
 * @param max the most threads it starts
 * @param queued requests read from an accepted connection and waiting for a thread (not
 * the connections still in the kernel's accept backlog, which no server count sees)
 * @param connections connections Tomcat has accepted and holds open now, idle keep-alive
 * ones included
 */
public record RequestPoolSnapshot(String name, int threads, int busy, int max, int queued, long connections) {
}
