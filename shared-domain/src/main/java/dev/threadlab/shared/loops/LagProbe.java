package dev.threadlab.shared.loops;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.shared.contract.LoopLag;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.jspecify.annotations.Nullable;

/**
 * A tiny task that one event loop runs every period, measuring how late it runs. Its due
 * time is published before it is scheduled, so a reader on any thread sees at once how
 * long the probe has been waiting: a loop held right now shows its lag while it is held,
 * not only after.
 * <p>
 * On the loop it costs a clock read, a histogram record and one scheduled task; nothing
 * in it waits (BlockHound checks that).
 */
final class LagProbe {

	private final LoopExecutor loop;

	private final long periodNanos;

	/** Written by the loop only: one writer, so no atomic on the hot path. */
	private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, LagWindow.HIGHEST_MICROS, 2);

	private final AtomicLong recentMaxMicros = new AtomicLong();

	private final AtomicLong fired = new AtomicLong();

	private final LagWindow window;

	private @Nullable Histogram recycled;

	private volatile long dueAt;

	private volatile @Nullable Thread thread;

	private volatile boolean stopped;

	LagProbe(LoopExecutor loop, long periodNanos, int windowIntervals) {
		this.loop = loop;
		this.periodNanos = periodNanos;
		this.window = new LagWindow(windowIntervals);
	}

	/** Learns the loop's thread on the loop itself, then arms the first probe. */
	void start() {
		this.dueAt = System.nanoTime();
		this.loop.execute(() -> {
			this.thread = Thread.currentThread();
			arm(System.nanoTime());
		});
	}

	void stop() {
		this.stopped = true;
	}

	private void arm(long now) {
		// Published before it is scheduled: from here on, a reader may compare it with
		// its own clock.
		this.dueAt = now + this.periodNanos;
		this.loop.schedule(this::fire, this.periodNanos, TimeUnit.NANOSECONDS);
	}

	private void fire() {
		if (this.stopped) {
			return;
		}
		long now = System.nanoTime();
		long lateMicros = Math.min(Math.max(0, now - this.dueAt) / 1000, LagWindow.HIGHEST_MICROS);
		// A probe held back by a long callback stands for every probe that would have
		// been due meanwhile (a task arriving then would have waited too): HdrHistogram
		// fills them in, the coordinated-omission correction.
		this.recorder.recordValueWithExpectedInterval(lateMicros, this.periodNanos / 1000);
		this.recentMaxMicros.accumulateAndGet(lateMicros, Math::max);
		this.fired.incrementAndGet();
		arm(now);
	}

	/**
	 * Moves the lateness recorded since the last turn into the window. Called once a
	 * second by one thread, never the loop.
	 */
	void turn() {
		// Cleared first: a lateness recorded in between is then in both, never in
		// neither.
		this.recentMaxMicros.set(0);
		Histogram interval = this.recorder.getIntervalHistogram(this.recycled);
		this.window.add(interval);
		this.recycled = interval;
	}

	/**
	 * The loop's thread, once the loop has run the first probe.
	 * @return the thread, or {@code null} before
	 */
	@Nullable Thread thread() {
		return this.thread;
	}

	LoopExecutor loop() {
		return this.loop;
	}

	long fired() {
		return this.fired.get();
	}

	/**
	 * The lag now and over the window, read from any thread.
	 * @return the lag
	 */
	LoopLag lag() {
		long waitingMicros = Math.max(0, System.nanoTime() - this.dueAt) / 1000;
		return this.window.lag(waitingMicros, this.recentMaxMicros.get());
	}

}
