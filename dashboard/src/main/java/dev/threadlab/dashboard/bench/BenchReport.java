package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.load.LoadResult;

/**
 * Writes the benchmark's results: {@code results.csv}, {@code results.md},
 * {@code chart.svg} and {@code memory.svg}.
 */
final class BenchReport {

	static final String CSV_HEADER = "contender,series,model,endpoint,delay_ms,concurrency,duration_s,elapsed_s,sent,ok,"
			+ "errors,error_kinds,throughput,limit,efficiency,model_ceiling,ceiling_efficiency,p50_ms,p90_ms,p99_ms,"
			+ "p999_ms,max_ms,peak_client_in_flight,peak_server_in_flight,peak_threads,peak_virtual_threads,peak_heap_mb,rss_mb,"
			+ "server_cpu,engine_cpu,warmup_s,rate,warmup_sent,cpu_ms_per_request,voluntary_switches_per_request,"
			+ "involuntary_switches_per_request,peak_thread_stacks_mb,costs_requests";

	/**
	 * Reactive's resident memory at 5,000 connections on a 512 MB heap: at most 600 MB.
	 */
	static final long REACTIVE_RSS_TARGET_MB = 600;

	/** The concurrency at which {@link #REACTIVE_RSS_TARGET_MB} holds. */
	static final int RSS_TARGET_LEVEL = 5000;

	/** The 1 s-delay efficiency (vs C/D) reactive and virtual keep up to 5,000: 0.95. */
	static final double EFFICIENCY_TARGET = 0.95;

	/** The share of its no-delay throughput tracing may cost: on / off at least 90 %. */
	static final double TRACING_TARGET = 0.90;

	private final List<BenchRow> rows;

	private final List<Stabilisation> warmups;

	private final String header;

	/**
	 * A report.
	 * @param rows the results
	 * @param warmups each started contender's stabilising warm-up
	 * @param header markdown that says how they were measured
	 */
	BenchReport(List<BenchRow> rows, List<Stabilisation> warmups, String header) {
		this.rows = rows;
		this.warmups = warmups;
		this.header = header;
	}

	/**
	 * A report without stabilising warm-ups.
	 * @param rows the results
	 * @param header markdown that says how they were measured
	 */
	BenchReport(List<BenchRow> rows, String header) {
		this(rows, List.of(), header);
	}

	void write(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("results.csv"), csv());
		Files.writeString(folder.resolve("results.md"), markdown());
		Files.writeString(folder.resolve("chart.svg"), BenchChart.svg(sweep()));
		Files.writeString(folder.resolve("memory.svg"), BenchChart.memorySvg(sweep()));
	}

	String csv() {
		StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (BenchRow row : this.rows) {
			LoadResult r = row.result();
			csv.append(String.join(",", row.contender(), row.series(), r.plan().model().name().toLowerCase(Locale.ROOT),
					r.plan().endpoint(), num(r.plan().delayMs()), num(r.plan().concurrency()),
					fixed(r.plan().duration().toMillis() / 1000.0, 1), fixed(r.elapsedMs() / 1000.0, 2), num(r.sent()),
					num(r.ok()), num(r.errorCount()), errorKinds(r, ";"), fixed(r.throughput(), 1),
					fixed(r.plan().limitPerSecond(), 1), fixed(r.efficiency(), 3), fixed(row.modelCeiling(), 1),
					fixed(row.ceilingEfficiency(), 3), fixed(r.latency().p50(), 1), fixed(r.latency().p90(), 1),
					fixed(r.latency().p99(), 1), fixed(r.latency().p999(), 1), fixed(r.latency().max(), 1),
					num(r.peakClientInFlight()), num(r.peakServerInFlight()), num(r.peakThreads()),
					num(r.peakVirtualThreads()), mb(r.peakHeapBytes()), mb(r.peakRssBytes()), fixed(r.serverCpu(), 3),
					fixed(r.engineCpu(), 3), fixed(r.plan().warmup().toMillis() / 1000.0, 1), num(r.plan().rate()),
					num(r.warmupSent()), perRequest(row.costs().cpuMsPerRequest(), 4),
					perRequest(row.costs().voluntaryPerRequest(), 3),
					perRequest(row.costs().involuntaryPerRequest(), 3), mb(row.costs().peakStacksBytes()),
					known(row.costs().requests())))
				.append('\n');
		}
		return csv.toString();
	}

	String markdown() {
		StringBuilder md = new StringBuilder(this.header).append("\n\n");
		List<BenchRow> sweep = sweep();
		if (!sweep.isEmpty()) {
			LoadResult first = sweep.get(0).result();
			md.append("## `GET ")
				.append(first.plan().pathAndQuery())
				.append("`, closed model\n\n")
				.append("Limit = concurrency / delay (Little's law); efficiency = throughput / limit. ")
				.append("blocking-app's own ceiling is min(concurrency, ")
				.append(BenchRow.TOMCAT_THREADS)
				.append(") / delay: its Tomcat threads.\n\n")
				.append("| contender | concurrency | throughput /s | efficiency (vs C/D) | vs own ceiling | p50 ms "
						+ "| p99 ms | p99.9 ms | max ms | errors | peak threads | peak in flight (server) "
						+ "| peak heap MB | RSS MB | engine CPU |\n")
				.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
			for (BenchRow row : sweep) {
				LoadResult r = row.result();
				md.append(cells(row.contender(), num(r.plan().concurrency()), fixed(r.throughput(), 1),
						fixed(r.efficiency(), 2), fixed(row.ceilingEfficiency(), 2), fixed(r.latency().p50(), 0),
						fixed(r.latency().p99(), 0), fixed(r.latency().p999(), 0), fixed(r.latency().max(), 0),
						errors(r), threads(r), known(r.peakServerInFlight()), mb(r.peakHeapBytes()),
						mb(r.peakRssBytes()), percent(r.engineCpu())));
			}
			md.append("\n![throughput and p99 against concurrency](chart.svg)\n\n");
			costs(md, sweep);
			targets(md, sweep);
		}
		List<BenchRow> open = series(BenchRow.OPEN);
		if (!open.isEmpty()) {
			open(md, open, sweep);
		}
		List<BenchRow> noDelay = series(BenchRow.NO_DELAY);
		if (!noDelay.isEmpty()) {
			md.append("## No delay: the CPU ceiling\n\n`GET ")
				.append(noDelay.get(0).result().plan().pathAndQuery())
				.append("`, ")
				.append(noDelay.get(0).result().plan().concurrency())
				.append(" clients. The load engine shares the cores with the server: read its CPU share beside "
						+ "the server's. A ceiling measured before the contender's warm-up settled is still "
						+ "climbing with the JIT: read it as a floor.\n\n")
				.append("| contender | throughput /s | p50 ms | p99 ms | errors | peak threads | RSS MB "
						+ "| server CPU | engine CPU | warm-up runs |\n")
				.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---|\n");
			for (BenchRow row : noDelay) {
				LoadResult r = row.result();
				md.append(cells(row.contender(), fixed(r.throughput(), 0), fixed(r.latency().p50(), 1),
						fixed(r.latency().p99(), 1), errors(r), threads(r), mb(r.peakRssBytes()),
						percent(r.serverCpu()), percent(r.engineCpu()), settled(row.contender(), false)));
			}
			md.append('\n');
		}
		List<BenchRow> traceOff = series(BenchRow.NO_DELAY_TRACE_OFF);
		if (!traceOff.isEmpty()) {
			List<BenchRow> traceOn = series(BenchRow.NO_DELAY_TRACE_ON);
			md.append("## Tracing overhead\n\nThe no-delay run again, on two fresh starts of the same jar, one "
					+ "with `--lab.trace.enabled=false`: both get the same stabilising warm-up, then their runs "
					+ "take turns (on, off, on, off...), one loaded at a time, and the median of each side is kept. "
					+ "Measured one after the other, the second would get the JIT's later gains alone. Overhead "
					+ "figure: the no-delay throughput with tracing on as a share of the one with tracing off; the "
					+ "target is at least ")
				.append(fixed(TRACING_TARGET * 100, 0))
				.append(" %.\n\n")
				.append("| contender | tracing on /s | tracing off /s | on / off | target ≥ ")
				.append(fixed(TRACING_TARGET * 100, 0))
				.append(" % | warm-up runs, on / off |\n|---|---:|---:|---:|---|---|\n");
			for (BenchRow off : traceOff) {
				Optional<BenchRow> on = (traceOn.isEmpty() ? noDelay : traceOn).stream()
					.filter((row) -> row.contender().equals(off.contender()))
					.findFirst();
				double offThroughput = off.result().throughput();
				String pairedOn = settled(BenchRow.pairedLabel(off.contender()), false);
				String warmupRuns = ("-".equals(pairedOn) ? settled(off.contender(), false) : pairedOn) + " / "
						+ settled(off.contender(), true);
				if (on.isEmpty() || offThroughput <= 0) {
					md.append(cells(off.contender(), on.map((row) -> fixed(row.result().throughput(), 0)).orElse("-"),
							fixed(offThroughput, 0), "-", "-", warmupRuns));
					continue;
				}
				double share = on.get().result().throughput() / offThroughput;
				md.append(cells(off.contender(), fixed(on.get().result().throughput(), 0), fixed(offThroughput, 0),
						fixed(share * 100, 0) + " %", (share >= TRACING_TARGET) ? "met" : "missed", warmupRuns));
			}
			md.append('\n');
		}
		return md.toString();
	}

	private static void costs(StringBuilder md, List<BenchRow> sweep) {
		md.append("## What each level costs\n\n")
			.append("From each contender's `GET /api/costs`, read before and after the run (its warm-up included, "
					+ "so per request is over every request it served in the run) and polled every 250 ms for "
					+ "the peaks. CPU: the whole process's CPU time. Context switches: voluntary (a thread waited) "
					+ "and involuntary (the kernel took the CPU away), of every thread. Thread stacks: the "
					+ "platform threads' committed stacks, from Native Memory Tracking; a virtual thread's stack "
					+ "is on the heap, not here. RSS: the process's peak resident memory on the fixed heap.\n\n")
			.append("| contender | concurrency | CPU ms / request | voluntary switches / request "
					+ "| involuntary switches / request | peak thread stacks MB | peak RSS MB | peak threads |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (BenchRow row : sweep) {
			RunCosts c = row.costs();
			md.append(cells(row.contender(), num(row.result().plan().concurrency()), perRequest(c.cpuMsPerRequest(), 3),
					perRequest(c.voluntaryPerRequest(), 2), perRequest(c.involuntaryPerRequest(), 2),
					mb(c.peakStacksBytes()), mb(row.result().peakRssBytes()), threads(row.result())));
		}
		md.append("\n![resident memory and thread stacks against concurrency](memory.svg)\n\n");
	}

	/**
	 * The targets, each said met, missed or not measured.
	 */
	static void targets(StringBuilder md, List<BenchRow> sweep) {
		md.append("## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
		Optional<BenchRow> reactiveTop = sweep.stream()
			.filter((row) -> "reactive".equals(row.contender())
					&& row.result().plan().concurrency() == RSS_TARGET_LEVEL)
			.findFirst();
		String rssTarget = "reactive ≤ " + REACTIVE_RSS_TARGET_MB + " MB RSS at " + RSS_TARGET_LEVEL
				+ " connections, on the fixed heap";
		if (reactiveTop.isEmpty() || reactiveTop.get().result().peakRssBytes() < 0) {
			md.append(cells(rssTarget, "no reactive " + RSS_TARGET_LEVEL + " level in this run", "not measured"));
		}
		else {
			long rss = Math.round(reactiveTop.get().result().peakRssBytes() / (1024.0 * 1024.0));
			md.append(cells(rssTarget, rss + " MB", (rss <= REACTIVE_RSS_TARGET_MB) ? "met" : "missed"));
		}
		for (String contender : List.of("reactive", "virtual")) {
			List<BenchRow> levels = sweep.stream()
				.filter((row) -> contender.equals(row.contender()) && row.result().plan().delayMs() == 1000
						&& row.result().plan().concurrency() <= RSS_TARGET_LEVEL)
				.toList();
			String target = contender + ": 1 s-delay efficiency ≥ " + fixed(EFFICIENCY_TARGET, 2) + " of C/D up to "
					+ RSS_TARGET_LEVEL;
			if (levels.isEmpty()) {
				md.append(cells(target, "no 1 s-delay level in this run", "not measured"));
				continue;
			}
			BenchRow worst = levels.stream()
				.min(Comparator.comparingDouble((row) -> row.result().efficiency()))
				.orElseThrow();
			String measured = "lowest " + fixed(worst.result().efficiency(), 2) + " at C = "
					+ worst.result().plan().concurrency() + " (levels "
					+ levels.stream()
						.map((row) -> Integer.toString(row.result().plan().concurrency()))
						.collect(Collectors.joining(", "))
					+ ")";
			String verdict = (worst.result().efficiency() >= EFFICIENCY_TARGET) ? "met" : "missed";
			boolean reachedTop = levels.stream()
				.anyMatch((row) -> row.result().plan().concurrency() == RSS_TARGET_LEVEL);
			if (!reachedTop && "met".equals(verdict)) {
				verdict = "met up to " + levels.get(levels.size() - 1).result().plan().concurrency() + "; "
						+ RSS_TARGET_LEVEL + " not measured";
			}
			md.append(cells(target, measured, verdict));
		}
		md.append('\n');
	}

	private static String perRequest(double value, int decimals) {
		return (value >= 0) ? fixed(value, decimals) : "-";
	}

	private static void open(StringBuilder md, List<BenchRow> open, List<BenchRow> sweep) {
		LoadPlan plan = open.get(0).result().plan();
		int closedLevel = nearestLevel(sweep, plan.rate() * plan.delayMs() / 1000.0);
		md.append("## Open model: a fixed rate\n\n`GET ")
			.append(plan.pathAndQuery())
			.append("`, ")
			.append(plan.rate())
			.append(" requests a second due whatever the answers, measured for ")
			.append(seconds(plan.duration()))
			.append(" after a ")
			.append(seconds(plan.warmup()))
			.append(" warm-up; each latency counts from when its request was due, not from when it was sent "
					+ "(coordinated omission corrected). At this delay the rate needs rate × delay = ")
			.append(Math.round(plan.rate() * plan.delayMs() / 1000.0))
			.append(" requests in flight.\n\n")
			.append("| contender | rate /s | throughput /s | share of the rate | p50 ms | p99 ms | p99.9 ms | max ms "
					+ "| errors | peak in flight (client) | closed-model p99 ms")
			.append((closedLevel > 0) ? " (C = " + closedLevel + ")" : "")
			.append(" | peak threads | RSS MB |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
		for (BenchRow row : open) {
			LoadResult r = row.result();
			String closedP99 = sweep.stream()
				.filter((level) -> level.contender().equals(row.contender())
						&& level.result().plan().concurrency() == closedLevel)
				.findFirst()
				.map((level) -> fixed(level.result().latency().p99(), 0))
				.orElse("-");
			md.append(cells(row.contender(), num(r.plan().rate()), fixed(r.throughput(), 1), fixed(r.efficiency(), 2),
					fixed(r.latency().p50(), 0), fixed(r.latency().p99(), 0), fixed(r.latency().p999(), 0),
					fixed(r.latency().max(), 0), errors(r), num(r.peakClientInFlight()), closedP99, threads(r),
					mb(r.peakRssBytes())));
		}
		boolean blocking = open.stream().anyMatch((row) -> "blocking".equals(row.contender()));
		md.append('\n').append(coordinatedOmission(plan, blocking)).append("\n\n");
	}

	/**
	 * Why the thread-per-request app's latency is so much longer in the open model than
	 * in the closed one.
	 * @param plan the open level's plan
	 * @param blocking whether blocking-app is among the contenders
	 * @return a paragraph
	 */
	static String coordinatedOmission(LoadPlan plan, boolean blocking) {
		double blockingCeiling = BenchRow.TOMCAT_THREADS * 1000.0 / plan.delayMs();
		String closed = "In the closed model a client that waits does not send: when the server falls behind, "
				+ "the load slows down with it, the queue never holds more than the C clients' requests, and "
				+ "each latency starts when the request was at last sent, not when it was due. That is "
				+ "coordinated omission: the closed model leaves out the waiting its own clients did not do.";
		String keepingUp = " A contender that keeps up answers at the rate, and its latency stays near the delay.";
		if (!blocking || plan.rate() <= blockingCeiling) {
			return closed + keepingUp;
		}
		return closed + " Here the requests keep coming at " + plan.rate()
				+ " a second, and blocking-app serves at most " + fixed(blockingCeiling, 0) + " (its "
				+ BenchRow.TOMCAT_THREADS + " Tomcat threads over the delay): its queue grows by about "
				+ fixed(plan.rate() - blockingCeiling, 0)
				+ " requests every second for as long as the run lasts, warm-up included, and each latency "
				+ "counts the whole wait in it. That is why its open-model latency is far above its closed-model "
				+ "latency, and why it grows with the run's length: an overloaded server has no steady state."
				+ keepingUp;
	}

	/**
	 * The sweep's level closest to a concurrency.
	 * @return the level, or 0 without a sweep
	 */
	private static int nearestLevel(List<BenchRow> sweep, double concurrency) {
		return sweep.stream()
			.mapToInt((row) -> row.result().plan().concurrency())
			.boxed()
			.min(Comparator.comparingDouble((Integer level) -> Math.abs(level - concurrency))
				.thenComparing(Comparator.naturalOrder()))
			.orElse(0);
	}

	/**
	 * How a contender's stabilising warm-up went.
	 * @return such as {@code 4, settled}, or {@code -} when it had none
	 */
	private String settled(String contender, boolean traceOff) {
		return this.warmups.stream()
			.filter((warmup) -> warmup.contender().equals(contender) && warmup.traceOff() == traceOff)
			.findFirst()
			.map((warmup) -> warmup.throughputs().size() + (warmup.stable() ? ", settled" : ", not settled"))
			.orElse("-");
	}

	private List<BenchRow> sweep() {
		return series(BenchRow.SWEEP);
	}

	private List<BenchRow> series(String series) {
		return this.rows.stream().filter((row) -> row.series().equals(series)).toList();
	}

	/**
	 * The sweep's rows by contender, in the order they ran.
	 * @param sweep the sweep's rows
	 * @return each contender's rows
	 */
	static Map<String, List<BenchRow>> byContender(List<BenchRow> sweep) {
		return sweep.stream()
			.collect(Collectors.groupingBy(BenchRow::contender, LinkedHashMap::new, Collectors.toList()));
	}

	private static String cells(String... cells) {
		return "| " + String.join(" | ", cells) + " |\n";
	}

	private static String errors(LoadResult result) {
		return (result.errorCount() == 0) ? "0" : result.errorCount() + " (" + errorKinds(result, ", ") + ")";
	}

	private static String errorKinds(LoadResult result, String separator) {
		List<String> kinds = new ArrayList<>();
		result.errors().forEach((kind, count) -> kinds.add(kind + ": " + count));
		return String.join(separator, kinds);
	}

	/**
	 * The OS's threads, and the virtual threads beside them when there were any.
	 */
	private static String threads(LoadResult result) {
		String os = known(result.peakThreads());
		return (result.peakVirtualThreads() > 0) ? os + " + " + result.peakVirtualThreads() + " virtual" : os;
	}

	private static String num(long value) {
		return Long.toString(value);
	}

	private static String known(long value) {
		return (value >= 0) ? Long.toString(value) : "-";
	}

	private static String mb(long bytes) {
		return (bytes >= 0) ? Long.toString(Math.round(bytes / (1024.0 * 1024.0))) : "-";
	}

	/**
	 * A duration for a reader.
	 * @param duration the duration
	 * @return such as {@code 3 s} or {@code 1.5 s}
	 */
	static String seconds(Duration duration) {
		return fixed(duration.toMillis() / 1000.0, (duration.toMillis() % 1000 == 0) ? 0 : 1) + " s";
	}

	static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String percent(double share) {
		return (share >= 0) ? String.format(Locale.ROOT, "%.0f%%", share * 100) : "-";
	}

}
