package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.threadlab.dashboard.load.LoadResult;

/**
 * Writes the benchmark's results: {@code results.csv}, {@code results.md} and
 * {@code chart.svg}.
 */
final class BenchReport {

	static final String CSV_HEADER = "contender,series,model,endpoint,delay_ms,concurrency,duration_s,elapsed_s,sent,ok,"
			+ "errors,error_kinds,throughput,limit,efficiency,model_ceiling,ceiling_efficiency,p50_ms,p90_ms,p99_ms,"
			+ "p999_ms,max_ms,peak_client_in_flight,peak_server_in_flight,peak_threads,peak_virtual_threads,peak_heap_mb,rss_mb,"
			+ "server_cpu,engine_cpu";

	private final List<BenchRow> rows;

	private final String header;

	/**
	 * A report.
	 * @param rows the results
	 * @param header markdown that says how they were measured
	 */
	BenchReport(List<BenchRow> rows, String header) {
		this.rows = rows;
		this.header = header;
	}

	void write(Path folder) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("results.csv"), csv());
		Files.writeString(folder.resolve("results.md"), markdown());
		Files.writeString(folder.resolve("chart.svg"), BenchChart.svg(sweep()));
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
					fixed(r.engineCpu(), 3)))
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
		}
		List<BenchRow> noDelay = series(BenchRow.NO_DELAY);
		if (!noDelay.isEmpty()) {
			md.append("## No delay: the CPU ceiling\n\n`GET ")
				.append(noDelay.get(0).result().plan().pathAndQuery())
				.append("`, ")
				.append(noDelay.get(0).result().plan().concurrency())
				.append(" clients. The load engine shares the cores with the server: read its CPU share beside "
						+ "the server's.\n\n")
				.append("| contender | throughput /s | p50 ms | p99 ms | errors | peak threads | RSS MB "
						+ "| server CPU | engine CPU |\n")
				.append("|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
			for (BenchRow row : noDelay) {
				LoadResult r = row.result();
				md.append(cells(row.contender(), fixed(r.throughput(), 0), fixed(r.latency().p50(), 1),
						fixed(r.latency().p99(), 1), errors(r), threads(r), mb(r.peakRssBytes()),
						percent(r.serverCpu()), percent(r.engineCpu())));
			}
			md.append('\n');
		}
		List<BenchRow> traceOff = series(BenchRow.NO_DELAY_TRACE_OFF);
		if (!traceOff.isEmpty()) {
			md.append("## Tracing overhead\n\nThe no-delay run again, on a fresh start with "
					+ "`--lab.trace.enabled=false`.\n\n")
				.append("| contender | tracing on /s | tracing off /s | on / off |\n|---|---:|---:|---:|\n");
			for (BenchRow off : traceOff) {
				Optional<BenchRow> on = noDelay.stream()
					.filter((row) -> row.contender().equals(off.contender()))
					.findFirst();
				double onThroughput = on.map((row) -> row.result().throughput()).orElse(0.0);
				double offThroughput = off.result().throughput();
				md.append(cells(off.contender(), fixed(onThroughput, 0), fixed(offThroughput, 0),
						(offThroughput > 0) ? fixed(onThroughput / offThroughput, 2) : "-"));
			}
			md.append('\n');
		}
		return md.toString();
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

	static String fixed(double value, int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static String percent(double share) {
		return (share >= 0) ? String.format(Locale.ROOT, "%.0f%%", share * 100) : "-";
	}

}
