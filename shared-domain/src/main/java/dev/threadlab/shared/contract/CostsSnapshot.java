package dev.threadlab.shared.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/costs}: what this process has spent since it started, as
 * cumulative counters (a client takes the difference of two reads), and what it holds
 * now.
 *
 * @param app which app
 * @param model its concurrency model
 * @param sampledAt when the read was taken
 * @param cpu CPU time spent
 * @param contextSwitches context switches made
 * @param memory memory and threads held now
 * @param requests requests served
 * @param notes why a field is {@code null}, one sentence each; empty when none is
 */
public record CostsSnapshot(String app, String model, Instant sampledAt, Cpu cpu, ContextSwitches contextSwitches,
		Memory memory, Requests requests, List<String> notes) {

	/**
	 * CPU time since start.
	 *
	 * @param processMs the whole process's CPU time (user and system), in milliseconds
	 * @param byPool the CPU time of the JVM's platform threads by pool (every pool, empty
	 * ones included), ended threads included, in milliseconds
	 */
	public record Cpu(double processMs, Map<String, Double> byPool) {
	}

	/**
	 * Context switches since start, of every thread the process has run, ended ones
	 * included.
	 *
	 * @param voluntary switches where a thread gave up the CPU (waited), or {@code null}
	 * where the OS does not tell
	 * @param involuntary switches where the kernel took the CPU away, or {@code null}
	 * @param byPool the same by pool (every pool, JVM-internal threads under
	 * {@code other}), or {@code null}
	 */
	public record ContextSwitches(@Nullable Long voluntary, @Nullable Long involuntary,
			@Nullable Map<String, Switches> byPool) {
	}

	/**
	 * One pool's context switches.
	 *
	 * @param voluntary switches where a thread waited
	 * @param involuntary switches where the kernel took the CPU away
	 */
	public record Switches(long voluntary, long involuntary) {
	}

	/**
	 * Memory and threads now.
	 *
	 * @param rssBytes the process's resident memory, or {@code null} where the OS does
	 * not tell
	 * @param heapUsedBytes the Java heap in use
	 * @param heapCommittedBytes the Java heap committed
	 * @param threadStacksCommittedBytes the platform threads' stacks committed, from
	 * Native Memory Tracking, or {@code null} where it is off; virtual threads' stacks
	 * are on the heap, not here
	 * @param platformThreads live platform threads
	 * @param virtualThreads requests being handled now on a virtual thread, as
	 * {@code /api/threads} counts them
	 */
	public record Memory(@Nullable Long rssBytes, long heapUsedBytes, long heapCommittedBytes,
			@Nullable Long threadStacksCommittedBytes, int platformThreads, int virtualThreads) {
	}

	/**
	 * Requests served since start.
	 *
	 * @param completed traced requests answered (the lab's own probes, {@code /api/costs}
	 * included, are not traced), or {@code null} where tracing is off and none is counted
	 */
	public record Requests(@Nullable Long completed) {
	}

}
