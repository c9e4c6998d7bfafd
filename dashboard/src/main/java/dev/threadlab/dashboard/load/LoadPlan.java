package dev.threadlab.dashboard.load;

import java.time.Duration;

/**
 * What one load run sends to one app, within the lab's bounds.
 *
 * @param model closed (a fixed number of clients) or open (a fixed arrival rate)
 * @param endpoint the path to load, such as {@code /api/items/1}
 * @param delayMs the {@code delayMs} each request asks for
 * @param concurrency closed: the clients; open: the most requests in flight at once
 * @param requests closed: stop after this many requests, or 0 to run for the duration
 * @param duration how long requests are sent and measured, after the warm-up
 * @param rate open: requests a second; closed: 0
 * @param warmup how long the clients (closed: they start one after the other, spread
 * evenly over it) or the schedule (open) run before the measurement starts, on the same
 * connections; nothing sent in it is counted. 0 for none; at most {@link #MAX_WARMUP},
 * and with the duration at most {@link #MAX_DURATION} in all
 */
public record LoadPlan(Model model, String endpoint, int delayMs, int concurrency, int requests, Duration duration,
		int rate, Duration warmup) {

	/** The most requests in flight at once. */
	public static final int MAX_CONCURRENCY = 10_000;

	/** The longest a run may send requests, its warm-up included. */
	public static final Duration MAX_DURATION = Duration.ofSeconds(60);

	/** The longest warm-up. */
	public static final Duration MAX_WARMUP = Duration.ofSeconds(30);

	/** The highest open-model rate. */
	public static final int MAX_RATE = 50_000;

	/**
	 * How the load is generated.
	 */
	public enum Model {

		/**
		 * Each client sends its next request when the last one is answered: finds peak
		 * throughput, but a slow server slows its own load.
		 */
		CLOSED,

		/**
		 * Requests are due at a fixed rate whatever the server does, and latency counts
		 * from when each was due: queueing shows as it is.
		 */
		OPEN

	}

	public LoadPlan {
		if (!endpoint.startsWith("/api/") || endpoint.contains("?") || endpoint.contains("//")) {
			throw new IllegalArgumentException("endpoint: an /api/ path without a query, not " + endpoint);
		}
		if (delayMs < 0 || delayMs > 30_000) {
			throw new IllegalArgumentException("delayMs: 0 to 30000, not " + delayMs);
		}
		if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
			throw new IllegalArgumentException("concurrency: 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
		}
		if (requests < 0) {
			throw new IllegalArgumentException("requests: 0 or more, not " + requests);
		}
		if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException(
					"duration: more than 0 and at most " + MAX_DURATION + ", not " + duration);
		}
		if (warmup.isNegative() || warmup.compareTo(MAX_WARMUP) > 0) {
			throw new IllegalArgumentException("warmup: 0 to " + MAX_WARMUP.toSeconds() + " s, not " + warmup);
		}
		if (duration.plus(warmup).compareTo(MAX_DURATION) > 0) {
			throw new IllegalArgumentException("duration and warmup: at most " + MAX_DURATION.toSeconds()
					+ " s in all, not " + duration.toSeconds() + " s + " + warmup.toSeconds() + " s");
		}
		// A run bounded by a count has no fixed measurement window to warm up before.
		if (requests > 0 && !warmup.isZero()) {
			throw new IllegalArgumentException("warmup: only for a run bounded by its duration, not by requests");
		}
		if (model == Model.OPEN && (rate < 1 || rate > MAX_RATE)) {
			throw new IllegalArgumentException("rate: 1 to " + MAX_RATE + " a second, not " + rate);
		}
		if (model == Model.CLOSED && rate != 0) {
			throw new IllegalArgumentException("rate: only for the open model");
		}
	}

	/**
	 * C clients for a while.
	 * @param endpoint the path
	 * @param delayMs the delay each request asks for
	 * @param concurrency the clients
	 * @param duration how long they send
	 * @return the plan
	 */
	public static LoadPlan closed(String endpoint, int delayMs, int concurrency, Duration duration) {
		return new LoadPlan(Model.CLOSED, endpoint, delayMs, concurrency, 0, duration, 0, Duration.ZERO);
	}

	/**
	 * A fixed rate for a while.
	 * @param endpoint the path
	 * @param delayMs the delay each request asks for
	 * @param rate requests a second
	 * @param duration how long they are sent
	 * @return the plan, allowing up to {@link #MAX_CONCURRENCY} in flight
	 */
	public static LoadPlan open(String endpoint, int delayMs, int rate, Duration duration) {
		return new LoadPlan(Model.OPEN, endpoint, delayMs, MAX_CONCURRENCY, 0, duration, rate, Duration.ZERO);
	}

	/**
	 * The same plan after a warm-up.
	 * @param warmup how long to send before measuring
	 * @return the plan
	 */
	public LoadPlan withWarmup(Duration warmup) {
		return new LoadPlan(this.model, this.endpoint, this.delayMs, this.concurrency, this.requests, this.duration,
				this.rate, warmup);
	}

	/**
	 * The path and query each request asks for.
	 * @return such as {@code /api/items/1?delayMs=1000}
	 */
	public String pathAndQuery() {
		return this.endpoint + "?delayMs=" + this.delayMs;
	}

	/**
	 * The most requests a second this plan can get from a server that waits exactly the
	 * delay (Little's law): concurrency / delay for the closed model, the rate for the
	 * open one.
	 * @return the limit, or 0 when there is no delay to bound it
	 */
	public double limitPerSecond() {
		if (this.model == Model.OPEN) {
			return this.rate;
		}
		return (this.delayMs > 0) ? this.concurrency * 1000.0 / this.delayMs : 0;
	}

	/**
	 * Measured throughput as a share of {@link #limitPerSecond()}.
	 * @param throughput answers a second
	 * @return the efficiency, or 0 when there is no limit
	 */
	public double efficiency(double throughput) {
		double limit = limitPerSecond();
		return (limit > 0) ? throughput / limit : 0;
	}

}
