package dev.threadlab.dashboard.bench;

import java.util.List;
import java.util.Locale;

import dev.threadlab.dashboard.bench.PoolProbe.PoolPeaks;
import dev.threadlab.dashboard.load.LoadResult;

/**
 * One run of the pool-ceiling level: a contender on PostgreSQL with one pool size, under
 * clients whose every wait holds a connection, and where its requests waited.
 *
 * @param contender the contender's name
 * @param poolSize its {@code lab.db.pool-size}
 * @param result what the load engine measured
 * @param peaks what the contender's {@code /api/threads} showed during the run
 * @param poolFull whether the pool had opened all its connections before the run
 */
record PoolCeilingRow(String contender, int poolSize, LoadResult result, PoolPeaks peaks, boolean poolFull) {

	/**
	 * The most a second the pool lets through: each request holds a connection for its
	 * whole delay, so no model answers more than {@code min(pool, clients) / delay}.
	 * @return requests a second
	 */
	double ceiling() {
		int clients = this.result.plan().concurrency();
		return Math.min(this.poolSize, clients) * 1000.0 / this.result.plan().delayMs();
	}

	/**
	 * Requests the contender never saw at its peak: on Tomcat they wait in the accept
	 * queue, where only the client sees them.
	 * @return clients less the peak in flight, at least 0
	 */
	int queuedBeforeTheApp() {
		return Math.max(0, this.result.plan().concurrency() - this.peaks.inFlight());
	}

	/**
	 * Where the requests that could not run waited, in a few words.
	 * @return such as {@code pool 189, before the app 201}
	 */
	String waitedWhere() {
		List<String> places = new java.util.ArrayList<>();
		if (this.peaks.waitingForConnection() > 0) {
			places.add("pool " + this.peaks.waitingForConnection());
		}
		if (queuedBeforeTheApp() > 0) {
			places.add("before the app " + queuedBeforeTheApp());
		}
		return places.isEmpty() ? "nowhere" : String.join(", ", places);
	}

	/**
	 * The row of the Markdown table.
	 * @return the row
	 */
	String markdown() {
		LoadResult r = this.result;
		return String.format(Locale.ROOT,
				"| %s | %d%s | %d | %.1f | %.0f | %.2f | %.0f | %.0f | %d | %d | %d | %d | %d | %d | %s |",
				this.contender, this.poolSize, this.poolFull ? "" : " (not full)", r.plan().concurrency(),
				r.throughput(), ceiling(), r.throughput() / ceiling(), r.latency().p50(), r.latency().p99(),
				r.errorCount(), this.peaks.inFlight(), this.peaks.connectionsInUse(), this.peaks.waitingForConnection(),
				queuedBeforeTheApp(), this.peaks.live(), waitedWhere());
	}

	/**
	 * The table's head.
	 * @return two lines
	 */
	static String header() {
		return "| contender | pool | clients | throughput /s | pool ceiling /s | share of ceiling | p50 ms | p99 ms "
				+ "| errors | peak in flight | peak connections in use | peak waiting for a connection "
				+ "| queued before the app | peak live threads | where the rest waited |\n"
				+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";
	}

}
