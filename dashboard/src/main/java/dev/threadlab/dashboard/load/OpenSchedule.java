package dev.threadlab.dashboard.load;

import java.time.Duration;

/**
 * When each request of an open-model run is due: request {@code i} at {@code i / rate}
 * seconds after the start, whatever happened to the ones before it.
 */
final class OpenSchedule {

	private final int rate;

	private final long total;

	OpenSchedule(int rate, Duration duration) {
		this.rate = rate;
		this.total = Math.max(1, Math.round(rate * (duration.toNanos() / 1e9)));
	}

	/**
	 * How many requests the run sends.
	 * @return rate times duration
	 */
	long total() {
		return this.total;
	}

	/**
	 * When a request is due.
	 * @param index its index, from 0
	 * @return nanoseconds after the start
	 */
	long dueNanos(long index) {
		return Math.round(index * 1e9 / this.rate);
	}

	/**
	 * How many requests are due by a moment.
	 * @param elapsedNanos nanoseconds since the start
	 * @return the count of requests whose due time has come, at most {@link #total()}
	 */
	long dueBy(long elapsedNanos) {
		if (elapsedNanos < 0) {
			return 0;
		}
		return Math.min(this.total, (long) Math.floor(elapsedNanos * (double) this.rate / 1e9) + 1);
	}

}
