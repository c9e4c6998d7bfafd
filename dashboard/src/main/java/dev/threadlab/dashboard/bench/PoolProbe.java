package dev.threadlab.dashboard.bench;

import java.net.URI;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * Polls a contender's {@code GET /api/threads} during one pool-ceiling run for where its
 * requests waited: the most it was serving, the most connections it had lent out, and the
 * most requests waiting for one. Like {@link CostProbe}, on a platform thread of its own
 * with a blocking client, leaving the load engine's event loops to the load.
 */
final class PoolProbe implements AutoCloseable {

	/** Often enough to catch a 1 s wave's peak. */
	private static final Duration EVERY = Duration.ofMillis(100);

	private final JsonPoller poller;

	private volatile PoolPeaks peaks = PoolPeaks.NONE;

	private PoolProbe(URI base) {
		this.poller = new JsonPoller(base, "/api/threads", EVERY, "bench-pool-probe",
				(threads) -> this.peaks = this.peaks.with(threads));
	}

	/**
	 * Starts polling.
	 * @param base the contender's base URL
	 * @return the running probe
	 */
	static PoolProbe start(URI base) {
		PoolProbe probe = new PoolProbe(base);
		probe.poller.start();
		return probe;
	}

	/**
	 * Waits until the contender's pool has opened all its connections: HikariCP opens its
	 * pool on the first borrow and fills it in the background, so a wave sent at once
	 * would measure the filling (a pool of 400 had about 100 open when the wave came).
	 * @param base the contender's base URL
	 * @param size the pool's size
	 * @param within how long to wait at most
	 * @param warm sends one request, which makes Hikari start its pool
	 * @return whether the pool was full in time
	 * @throws InterruptedException when interrupted while waiting
	 */
	static boolean awaitFull(URI base, int size, Duration within, Runnable warm) throws InterruptedException {
		PoolProbe probe = new PoolProbe(base);
		long deadline = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode threads = probe.poller.read();
			JsonNode pool = (threads != null) ? threads.path("dbPool") : null;
			if (pool == null || !pool.isObject()) {
				warm.run();
			}
			else if (pool.path("active").asInt() + pool.path("idle").asInt() >= size) {
				return true;
			}
			Thread.sleep(250);
		}
		return false;
	}

	/**
	 * Stops polling.
	 * @return the highest counts seen
	 */
	PoolPeaks finish() {
		close();
		return this.peaks;
	}

	@Override
	public void close() {
		this.poller.close();
	}

	/**
	 * The highest counts {@code /api/threads} showed during a run.
	 *
	 * @param inFlight requests the server was handling
	 * @param connectionsInUse connections lent out ({@code dbPool.active})
	 * @param waitingForConnection requests waiting for a connection
	 * ({@code dbPool.pending})
	 * @param live live platform threads
	 */
	record PoolPeaks(int inFlight, int connectionsInUse, int waitingForConnection, int live) {

		static final PoolPeaks NONE = new PoolPeaks(0, 0, 0, 0);

		PoolPeaks with(JsonNode threads) {
			JsonNode pool = threads.path("dbPool");
			return new PoolPeaks(Math.max(this.inFlight, threads.path("inFlight").asInt()),
					Math.max(this.connectionsInUse, pool.path("active").asInt()),
					Math.max(this.waitingForConnection, pool.path("pending").asInt()),
					Math.max(this.live, threads.path("live").asInt()));
		}

	}

}
