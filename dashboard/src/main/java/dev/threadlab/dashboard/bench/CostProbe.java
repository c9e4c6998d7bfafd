package dev.threadlab.dashboard.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a contender's {@code GET /api/costs} around one run and polls it during the run
 * for the peaks (thread stacks, resident memory, threads). It polls on a platform thread
 * of its own with a blocking client: the bench runner blocks anyway, and the load
 * engine's and the race's event loops are left to the load. So {@link #start} and
 * {@link #finish} block: the race calls them on {@code boundedElastic}.
 */
public final class CostProbe implements AutoCloseable {

	private static final Duration EVERY = Duration.ofMillis(250);

	/**
	 * A contender serves the CPU by pool and context switches of one pass over its
	 * threads for 1 s (docs/CONTRACT.md): the last read waits that long after the run, so
	 * that it counts every switch of the run.
	 */
	private static final Duration FRESH_PASS = Duration.ofMillis(1100);

	private final @Nullable JsonNode first;

	private final AtomicLong peakStacks = new AtomicLong(-1);

	private final AtomicLong peakRss = new AtomicLong(-1);

	private final AtomicLong peakPlatform = new AtomicLong(-1);

	private final AtomicLong peakVirtual = new AtomicLong(-1);

	private final JsonPoller poller;

	private CostProbe(URI base) {
		this.poller = new JsonPoller(base, "/api/costs", EVERY, "bench-cost-probe", this::peaks);
		// A missed first or last read leaves the run's costs unknown.
		this.first = this.poller.read();
		if (this.first != null) {
			peaks(this.first);
			this.poller.start();
		}
	}

	/**
	 * Takes the first read and starts polling.
	 * @param base the contender's base URL
	 * @return the running probe
	 */
	public static CostProbe start(URI base) {
		return new CostProbe(base);
	}

	/**
	 * Stops polling and takes the last read.
	 * @return the run's costs, {@link RunCosts#UNKNOWN} when the contender has no
	 * {@code /api/costs} or does not count requests
	 */
	public RunCosts finish() {
		close();
		if (this.first == null) {
			return RunCosts.UNKNOWN;
		}
		try {
			Thread.sleep(FRESH_PASS.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		JsonNode last = this.poller.read();
		if (last == null) {
			return RunCosts.UNKNOWN;
		}
		peaks(last);
		return costs(this.first, last, this.peakStacks.get(), this.peakRss.get())
			.withThreadPeaks(this.peakPlatform.get(), this.peakVirtual.get());
	}

	/**
	 * The differences of two reads, per request served.
	 * @param first the read before the run
	 * @param last the read after it
	 * @param peakStacks the most committed stacks seen, or -1
	 * @param peakRss the most resident memory seen, or -1
	 * @return the costs
	 */
	static RunCosts costs(JsonNode first, JsonNode last, long peakStacks, long peakRss) {
		JsonNode completedBefore = first.path("requests").path("completed");
		JsonNode completedAfter = last.path("requests").path("completed");
		if (!completedBefore.isNumber() || !completedAfter.isNumber()) {
			return new RunCosts(-1, -1, -1, -1, peakStacks, peakRss);
		}
		long requests = completedAfter.asLong() - completedBefore.asLong();
		double cpu = perRequest(first.path("cpu").path("processMs"), last.path("cpu").path("processMs"), requests);
		double voluntary = perRequest(first.path("contextSwitches").path("voluntary"),
				last.path("contextSwitches").path("voluntary"), requests);
		double involuntary = perRequest(first.path("contextSwitches").path("involuntary"),
				last.path("contextSwitches").path("involuntary"), requests);
		return new RunCosts(requests, cpu, voluntary, involuntary, peakStacks, peakRss);
	}

	private static double perRequest(JsonNode before, JsonNode after, long requests) {
		if (requests <= 0 || !before.isNumber() || !after.isNumber()) {
			return -1;
		}
		return (after.asDouble() - before.asDouble()) / requests;
	}

	private void peaks(JsonNode costs) {
		JsonNode memory = costs.path("memory");
		peak(this.peakStacks, memory.path("threadStacksCommittedBytes"));
		peak(this.peakRss, memory.path("rssBytes"));
		peak(this.peakPlatform, memory.path("platformThreads"));
		peak(this.peakVirtual, memory.path("virtualThreads"));
	}

	private static void peak(AtomicLong peak, JsonNode value) {
		if (value.isNumber()) {
			peak.accumulateAndGet(value.asLong(), Math::max);
		}
	}

	/**
	 * Stops polling, without a last read.
	 */
	@Override
	public void close() {
		this.poller.close();
	}

}
