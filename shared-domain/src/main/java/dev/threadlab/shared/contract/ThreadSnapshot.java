package dev.threadlab.shared.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/threads}: this process's threads at one moment.
 *
 * @param app which app
 * @param model its concurrency model
 * @param javaVersion the running JVM's version
 * @param availableProcessors the cores the JVM may use
 * @param live live platform threads
 * @param daemon live daemon threads
 * @param peak the most live threads since the JVM started
 * @param states live platform threads by state (every state, zero included)
 * @param pools live platform threads by pool (every pool, empty ones included)
 * @param inFlight requests being handled now
 * @param virtualThreads requests being handled now on a virtual thread
 * @param sampledAt when the snapshot was taken
 * @param dbPool the database connection pool, or {@code null} when the app has none
 * @param pinnedEvents virtual threads pinned to their carrier since start (JFR's
 * {@code jdk.VirtualThreadPinned}), or {@code null} where they are not recorded
 */
public record ThreadSnapshot(String app, String model, String javaVersion, int availableProcessors, int live,
		int daemon, int peak, Map<String, Integer> states, List<PoolSnapshot> pools, int inFlight, int virtualThreads,
		Instant sampledAt, @Nullable DbPoolSnapshot dbPool, @Nullable Long pinnedEvents) {
}
