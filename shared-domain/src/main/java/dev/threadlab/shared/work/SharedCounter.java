package dev.threadlab.shared.work;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One counter that every request of an app shares: the notes' shared state between
 * threads. Incremented unsafely (read, then write) it loses updates whenever two threads
 * overlap; incremented atomically (read, then write only if nothing changed in between)
 * it never does. Both modes take the same steps, so they differ only in the check.
 */
public final class SharedCounter {

	/**
	 * The time between the read and the write of one increment. A plain {@code value + 1}
	 * leaves a window of a few nanoseconds, so on 2 cores two threads would seldom meet
	 * in it; a microsecond makes them meet in every race, as a real read-modify-write (a
	 * read from a database, a call, a computation) would.
	 */
	private static final long WINDOW_NANOS = 1_000;

	/**
	 * Volatile reads and writes (an {@link AtomicLong}'s {@code get} and {@code set}), so
	 * every thread sees the latest write: the unsafe mode loses updates because the read
	 * and the write are two steps, not because a thread sees stale values.
	 */
	private final AtomicLong value = new AtomicLong();

	/**
	 * Increments the counter {@code n} times.
	 * @param n how many times, 1 or more
	 * @param atomic whether each increment writes only if nothing changed since its read
	 * @return the counter's value after this call's last increment
	 */
	public long increment(int n, boolean atomic) {
		long last = 0;
		for (int i = 0; i < n; i++) {
			last = atomic ? incrementAtomically() : incrementUnsafely();
		}
		return last;
	}

	/**
	 * The counter now.
	 * @return its value
	 */
	public long value() {
		return this.value.get();
	}

	/** Sets the counter back to 0. */
	public void reset() {
		this.value.set(0);
	}

	private long incrementUnsafely() {
		long read = this.value.get();
		window();
		// Whatever another thread wrote since the read is overwritten here: a lost
		// update.
		this.value.set(read + 1);
		return read + 1;
	}

	private long incrementAtomically() {
		while (true) {
			long read = this.value.get();
			window();
			// The same two steps, but the write happens only if the value is still the
			// one read; otherwise read again.
			if (this.value.compareAndSet(read, read + 1)) {
				return read + 1;
			}
		}
	}

	/**
	 * A busy wait, not a sleep or a yield: it is CPU work, so the reactive app may run it
	 * on its event loop (BlockHound counts sleeps as blocking), and the thread that waits
	 * keeps its core, so only a second core or the scheduler's time slice lets another
	 * thread in.
	 */
	private static void window() {
		long until = System.nanoTime() + WINDOW_NANOS;
		while (System.nanoTime() < until) {
			// spin
		}
	}

}
