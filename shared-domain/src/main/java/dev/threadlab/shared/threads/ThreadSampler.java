package dev.threadlab.shared.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.threadlab.shared.contract.DbPoolSnapshot;
import dev.threadlab.shared.contract.PoolSnapshot;
import dev.threadlab.shared.contract.ThreadSnapshot;
import dev.threadlab.shared.trace.Tracer;

import org.jspecify.annotations.Nullable;

/**
 * Takes the snapshots of {@code GET /api/threads}: the JVM's live platform threads by
 * state and by pool, with the tracer's count of requests in flight.
 */
public final class ThreadSampler {

	private static final Thread.State[] STATES = Thread.State.values();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Tracer tracer;

	private final Supplier<@Nullable DbPoolSnapshot> dbPool;

	private final PinnedEvents pinned;

	/**
	 * A sampler for an app with no database pool and no pinning record.
	 * @param tracer the app's tracer, for the requests in flight
	 */
	public ThreadSampler(Tracer tracer) {
		this(tracer, () -> null, PinnedEvents.none());
	}

	/**
	 * A sampler for one app.
	 * @param tracer the app's tracer, for the requests in flight
	 * @param dbPool reads the database pool's counts, or answers {@code null}
	 * @param pinned the count of pinned virtual threads
	 */
	public ThreadSampler(Tracer tracer, Supplier<@Nullable DbPoolSnapshot> dbPool, PinnedEvents pinned) {
		this.tracer = tracer;
		this.dbPool = dbPool;
		this.pinned = pinned;
	}

	/**
	 * Samples the threads now. It costs one pass over the JVM's threads, without stack
	 * traces.
	 * @return the snapshot
	 */
	public ThreadSnapshot sample() {
		ThreadInfo[] infos = this.threads.dumpAllThreads(false, false, 0);
		int[] byState = new int[STATES.length];
		Map<ThreadPool, int[]> byPool = new EnumMap<>(ThreadPool.class);
		for (ThreadPool pool : ThreadPool.values()) {
			byPool.put(pool, new int[STATES.length]);
		}
		for (ThreadInfo info : infos) {
			int state = info.getThreadState().ordinal();
			byState[state]++;
			byPool.get(ThreadPool.classify(info.getThreadName()))[state]++;
		}
		List<PoolSnapshot> pools = new ArrayList<>(byPool.size());
		byPool.forEach((pool, counts) -> pools.add(new PoolSnapshot(pool.label(), sum(counts), states(counts, false))));
		return new ThreadSnapshot(this.tracer.contender().app(), this.tracer.contender().model(),
				Runtime.version().toString(), Runtime.getRuntime().availableProcessors(), infos.length,
				this.threads.getDaemonThreadCount(), this.threads.getPeakThreadCount(), states(byState, true), pools,
				this.tracer.inFlight(), this.tracer.virtualThreads(), Instant.now(), this.dbPool.get(),
				this.pinned.count());
	}

	private static Map<String, Integer> states(int[] counts, boolean withZeros) {
		Map<String, Integer> states = new LinkedHashMap<>();
		for (Thread.State state : STATES) {
			int count = counts[state.ordinal()];
			if (withZeros || count > 0) {
				states.put(state.name(), count);
			}
		}
		return states;
	}

	private static int sum(int[] counts) {
		int sum = 0;
		for (int count : counts) {
			sum += count;
		}
		return sum;
	}

}
