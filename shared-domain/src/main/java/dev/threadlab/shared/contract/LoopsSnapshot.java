package dev.threadlab.shared.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/loops}: inside the threads that serve requests, how long
 * each event loop is held, what it is doing, and where work waits for a thread.
 *
 * @param app which app
 * @param model its concurrency model
 * @param sampledAt when the snapshot was taken
 * @param loops the server's event loops; empty on an app that has none
 * @param pools the pools that work is handed to beside the loops (Reactor's timers and
 * workers, the file channel pool); empty on an app that has none
 * @param requestPool Tomcat's request thread pool, or {@code null} where requests run
 * without one
 * @param virtualScheduler the scheduler that mounts virtual threads, or {@code null}
 * where the app runs none or the JVM cannot tell (before JDK 24)
 * @param notes why a field is empty or {@code null}, and what a count cannot see, by
 * field name
 */
public record LoopsSnapshot(String app, String model, Instant sampledAt, List<LoopSnapshot> loops,
		List<ExecutorSnapshot> pools, @Nullable RequestPoolSnapshot requestPool,
		@Nullable VirtualSchedulerSnapshot virtualScheduler, Map<String, String> notes) {
}
