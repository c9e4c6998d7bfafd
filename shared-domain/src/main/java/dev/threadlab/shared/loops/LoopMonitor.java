package dev.threadlab.shared.loops;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.threadlab.shared.contract.LoopSnapshot;
import dev.threadlab.shared.threads.ThreadPool;

/**
 * Watches a set of event loops from inside and outside: a {@link LagProbe} on each loop
 * every period, and once a second, on a thread of its own ({@code loop-monitor}), the
 * turn of each probe's 10 s window and each loop thread's CPU time. Reading it costs the
 * loops nothing.
 */
public final class LoopMonitor implements AutoCloseable {

	/** How often a probe runs on each loop. */
	public static final Duration PERIOD = Duration.ofMillis(20);

	/** The window of {@code p50}, {@code p99} and {@code max}: ten turns of a second. */
	static final int WINDOW_SECONDS = 10;

	private final List<Watched> loops = new ArrayList<>();

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final ScheduledExecutorService ticker;

	/**
	 * Starts a probe on each loop and the once-a-second turn.
	 * @param loops the loops to watch
	 */
	public LoopMonitor(List<? extends LoopExecutor> loops) {
		for (LoopExecutor loop : loops) {
			this.loops.add(new Watched(new LagProbe(loop, PERIOD.toNanos(), WINDOW_SECONDS)));
		}
		this.ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "loop-monitor");
			thread.setDaemon(true);
			return thread;
		});
		this.loops.forEach((watched) -> watched.probe.start());
		this.ticker.scheduleAtFixedRate(this::turn, 1, 1, TimeUnit.SECONDS);
	}

	/**
	 * Each loop now: its state from a stack sample, its lag, its utilisation over the
	 * last second and its pending tasks. Loops whose thread has not run a probe yet are
	 * left out.
	 * @param stacks a stack sample taken just before
	 * @return the loops, in the order given
	 */
	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the build targets
										// 17
	public List<LoopSnapshot> loops(StackSample stacks) {
		List<LoopSnapshot> snapshots = new ArrayList<>(this.loops.size());
		for (Watched watched : this.loops) {
			Thread thread = watched.probe.thread();
			if (thread == null) {
				continue;
			}
			snapshots.add(new LoopSnapshot(thread.getName(), ThreadPool.classify(thread.getName()).label(),
					stacks.loopState(thread.getId()).label(), watched.probe.lag(), watched.utilization,
					watched.probe.loop().pendingTasks()));
		}
		return snapshots;
	}

	/**
	 * The probes run so far on every loop: what shows they run at all.
	 * @return the count
	 */
	public long probesFired() {
		long fired = 0;
		for (Watched watched : this.loops) {
			fired += watched.probe.fired();
		}
		return fired;
	}

	@Override
	public void close() {
		this.loops.forEach((watched) -> watched.probe.stop());
		this.ticker.shutdownNow();
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the build targets
										// 17
	private void turn() {
		long wall = System.nanoTime();
		for (Watched watched : this.loops) {
			try {
				watched.probe.turn();
				Thread thread = watched.probe.thread();
				if (thread != null) {
					watched.sampleCpu(this.threads.getThreadCpuTime(thread.getId()), wall);
				}
			}
			catch (RuntimeException ex) {
				// One loop's bad turn must not stop the ticker for the others (a
				// scheduled task that throws is never run again).
			}
		}
	}

	/** A probe, and the last CPU reading of its loop's thread. */
	private static final class Watched {

		private final LagProbe probe;

		private long lastCpu = -1;

		private long lastWall;

		private volatile double utilization;

		Watched(LagProbe probe) {
			this.probe = probe;
		}

		void sampleCpu(long cpu, long wall) {
			if (cpu < 0) {
				return; // CPU time not measurable here, or the thread is gone
			}
			if (this.lastCpu >= 0 && wall > this.lastWall) {
				double share = (double) (cpu - this.lastCpu) / (wall - this.lastWall);
				this.utilization = Math.round(Math.min(1, Math.max(0, share)) * 1000) / 1000.0;
			}
			this.lastCpu = cpu;
			this.lastWall = wall;
		}

	}

}
