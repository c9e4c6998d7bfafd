package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.dashboard.load.LoadEngine;
import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.load.LoadResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The benchmark: starts each contender in turn, warms it up until its throughput settles,
 * runs the no-delay run, the concurrency sweep and the open-model level on it (each run
 * after a warm-up of its own), stops it, and writes the results. Never two contenders at
 * once: on a small machine they would measure each other.
 */
@Component
@ConditionalOnProperty(name = "threadlab.bench.enabled", havingValue = "true")
class BenchRunner implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(BenchRunner.class);

	/** Lets the connections of one run close before the next opens its own. */
	private static final Duration PAUSE = Duration.ofSeconds(2);

	/** Long enough to find the CPU ceiling, short enough to leave time for the sweep. */
	private static final Duration NO_DELAY_MAX = Duration.ofSeconds(10);

	private final BenchProperties properties;

	private final LoadEngine engine;

	private final LabProperties lab;

	BenchRunner(BenchProperties properties, LoadEngine engine, LabProperties lab) {
		this.properties = properties;
		this.engine = engine;
		this.lab = lab;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		Instant started = Instant.now();
		Path out = this.properties.out();
		Files.createDirectories(out);
		// Every plan is checked against the engine's bounds before a contender starts.
		Plans plans = plans();
		List<BenchRow> rows = new ArrayList<>();
		List<Stabilisation> warmups = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (this.properties.pool().enabled()) {
			poolCeiling(started, out);
			return;
		}
		for (String name : this.properties.contenders()) {
			Launch launch = launch(name);
			if (launch == null) {
				notes.add(name + ": skipped (no JDK 21+ or no jar given)");
				logger.warn("Skipping " + name + ": no JDK 21+ or no jar given");
				continue;
			}
			bench(launch, plans, rows, warmups);
		}
		new BenchReport(rows, warmups, header(started, plans, warmups, notes)).write(out);
		logger.info("Results in " + out.toAbsolutePath() + " (results.md, results.csv, chart.svg)");
	}

	private Plans plans() {
		BenchProperties p = this.properties;
		Duration warmup = p.runWarmup();
		LoadPlan stabilise = LoadPlan.closed(p.endpoint(), 0, p.noDelayConcurrency(), p.stabiliseRun());
		LoadPlan noDelay = LoadPlan.closed(p.endpoint(), 0, p.noDelayConcurrency(), min(p.duration(), NO_DELAY_MAX))
			.withWarmup(warmup);
		List<LoadPlan> sweep = p.sweep()
			.stream()
			.map((level) -> LoadPlan.closed(p.endpoint(), p.delayMs(), level, p.duration()).withWarmup(warmup))
			.toList();
		LoadPlan open = p.runOpen()
				? LoadPlan.open(p.endpoint(), p.delayMs(), p.open().rate(), p.openDuration()).withWarmup(warmup) : null;
		return new Plans(stabilise, noDelay, sweep, open);
	}

	private void bench(Launch launch, Plans plans, List<BenchRow> rows, List<Stabilisation> warmups)
			throws IOException, InterruptedException {
		String name = launch.app().name();
		try (ContenderProcess contender = launch.start(List.of())) {
			logger.info("Started " + name + " (pid " + contender.pid() + ") at " + contender.app().url());
			warmups.add(stabilise(contender, plans.stabilise(), false));
			rows.add(median(plans.noDelay(), contender).row(name, BenchRow.NO_DELAY));
			for (LoadPlan level : plans.sweep()) {
				rows.add(median(level, contender).row(name, BenchRow.SWEEP));
			}
			LoadPlan open = plans.open();
			if (open != null) {
				// One run: an overloaded server has no steady state to take a median of.
				rows.add(once(open, contender).row(name, BenchRow.OPEN));
			}
		}
		if (this.properties.measureTraceOff()) {
			tracingOverhead(launch, plans, rows, warmups);
		}
	}

	/**
	 * The pool-ceiling level: each contender on PostgreSQL, started afresh for each pool
	 * size, its pool filled before the run (HikariCP fills it in the background), one
	 * closed-model run of clients whose every request holds a connection, with
	 * {@code /api/threads} polled for where the requests waited. Writes
	 * {@code results.md} with its table alone.
	 */
	private void poolCeiling(Instant started, Path out) throws IOException, InterruptedException {
		BenchProperties p = this.properties;
		BenchProperties.Pool pool = p.pool();
		List<PoolCeilingRow> rows = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (String name : p.contenders()) {
			Launch launch = launch(name);
			if (launch == null) {
				notes.add(name + ": skipped (no JDK 21+ or no jar given)");
				continue;
			}
			for (int size : p.poolSizes()) {
				if (!pool.fits(size)) {
					notes.add(name + ", pool " + size + ": skipped, max_connections " + pool.maxConnections()
							+ " (less " + pool.reservedConnections() + " for superusers) has no room for it");
					continue;
				}
				rows.add(poolRun(launch, size));
			}
		}
		Files.writeString(out.resolve("results.md"), poolReport(started, rows, notes));
		logger.info("Results in " + out.toAbsolutePath().resolve("results.md"));
	}

	private PoolCeilingRow poolRun(Launch launch, int size) throws IOException, InterruptedException {
		BenchProperties p = this.properties;
		BenchProperties.Pool pool = p.pool();
		// One wave: every client sends one request, and throughput is the wave over its
		// wall time. A closed run measured after a warm-up would count nothing on a pool
		// of 10, where each client's first answer takes up to 40 s.
		LoadPlan plan = wave(p.endpoint(), pool.delayMs(), pool.concurrency());
		LoadPlan warmup = wave(p.endpoint(), 10, pool.concurrency());
		List<String> args = List.of(profileArg(launch, pool.profile()), "--lab.db.pool-size=" + size);
		try (ContenderProcess contender = launch.start(args)) {
			String name = contender.app().name();
			logger.info("Started " + name + " on " + pool.profile() + " with a pool of " + size + " (pid "
					+ contender.pid() + ")");
			LoadPlan warm = LoadPlan.closed(p.endpoint(), 0, 1, Duration.ofMillis(200));
			boolean full = PoolProbe.awaitFull(contender.app().url(), size, Duration.ofSeconds(60),
					() -> this.engine.run(warm, contender.app(), contender.pid()).block());
			// The JIT's first pass over the request path, uncounted, as the fidelity
			// runner's short wave.
			this.engine.run(warmup, contender.app(), contender.pid()).block();
			Thread.sleep(PAUSE.toMillis());
			PoolProbe probe = PoolProbe.start(contender.app().url());
			LoadResult result;
			try {
				result = this.engine.run(plan, contender.app(), contender.pid()).block();
			}
			finally {
				probe.close();
			}
			PoolCeilingRow row = new PoolCeilingRow(name, size, result, probe.finish(), full);
			logger.info(describe(result) + "; pool " + size + ", waited: " + row.waitedWhere());
			return row;
		}
	}

	/**
	 * Each of {@code clients} clients sends one request: a wave, as long as it takes (up
	 * to the engine's longest run).
	 */
	private static LoadPlan wave(String endpoint, int delayMs, int clients) {
		return new LoadPlan(LoadPlan.Model.CLOSED, endpoint, delayMs, clients, clients, LoadPlan.MAX_DURATION, 0,
				Duration.ZERO);
	}

	/**
	 * The profile argument for a contender on the pool level: its own profile (virtual)
	 * and the database's.
	 */
	private static String profileArg(Launch launch, String databaseProfile) {
		List<String> profiles = new ArrayList<>();
		for (String arg : launch.args()) {
			if (arg.startsWith("--spring.profiles.active=")) {
				profiles.add(arg.substring("--spring.profiles.active=".length()));
			}
		}
		profiles.add(databaseProfile);
		return "--spring.profiles.active=" + String.join(",", profiles);
	}

	private String poolReport(Instant started, List<PoolCeilingRow> rows, List<String> notes) {
		BenchProperties p = this.properties;
		BenchProperties.Pool pool = p.pool();
		StringBuilder md = new StringBuilder();
		md.append("# threadlab benchmark, pool ceiling on PostgreSQL, ")
			.append(started.truncatedTo(ChronoUnit.SECONDS))
			.append("\n\n");
		md.append("Reproduce: `./run.sh bench --pool").append(p.quick() ? " --quick" : "").append("`\n\n");
		md.append("- Machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores; load average at the start ")
			.append(loadAverage())
			.append("; load engine in the same machine, over loopback.\n");
		md.append("- Each contender started afresh for each pool size with `")
			.append(String.join(" ", p.jvmArgs()))
			.append("`, profile `")
			.append(pool.profile())
			.append("` and `lab.db.pool-size`; its pool filled before the run.\n");
		md.append("- Closed model: ")
			.append(pool.concurrency())
			.append(" clients, each request `")
			.append(p.endpoint())
			.append("?delayMs=")
			.append(pool.delayMs())
			.append("` (`pg_sleep` in the query's statement: it holds its connection for the whole delay), "
					+ "all at once, each client once: one wave, throughput is the wave over its wall time. Before "
					+ "it, uncounted, the same wave with a delay of 10 ms; one wave per contender and pool.\n");
		md.append("- Pool ceiling: min(pool, clients) / delay, what no model can pass. Peaks from `/api/threads` "
				+ "every 100 ms; queued before the app is clients less the peak in flight (Tomcat's accept queue, "
				+ "which only the client sees).\n");
		md.append("- PostgreSQL `max_connections`: ")
			.append((pool.maxConnections() > 0)
					? pool.maxConnections() + ", of which " + pool.reservedConnections()
							+ " are kept for superusers: a pool of up to "
							+ (pool.maxConnections() - pool.reservedConnections()) + " fits, one contender at a time"
					: "unknown")
			.append(".\n");
		notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		md.append("- Finished ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".\n\n");
		md.append(PoolCeilingRow.header());
		rows.forEach((row) -> md.append(row.markdown()).append('\n'));
		return md.toString();
	}

	/** The machine's load average, so that a reader knows what else ran. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException | RuntimeException ex) {
			double average = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			return (average >= 0) ? String.format(Locale.ROOT, "%.2f", average) : "unknown";
		}
	}

	/**
	 * Tracing's cost: the app with tracing on and the app with tracing off, started fresh
	 * together and each stabilised, then their no-delay runs taken in turn (on, off, on,
	 * off...), one loaded at a time. Measured one after the other instead, the second
	 * would get the JIT's later gains alone, and that gap is as large as the one looked
	 * for.
	 */
	private void tracingOverhead(Launch launch, Plans plans, List<BenchRow> rows, List<Stabilisation> warmups)
			throws IOException, InterruptedException {
		String name = launch.app().name();
		try (ContenderProcess on = launch.start(List.of());
				ContenderProcess off = launch.start(List.of("--lab.trace.enabled=false"))) {
			logger.info("Started " + name + " twice, tracing on (pid " + on.pid() + ") and off (pid " + off.pid()
					+ "), for tracing's overhead");
			warmups.add(stabilise(BenchRow.pairedLabel(name), on, plans.stabilise(), false));
			warmups.add(stabilise(name, off, plans.stabilise(), true));
			List<Measured> traced = new ArrayList<>();
			List<Measured> untraced = new ArrayList<>();
			for (int pair = 0; pair < this.properties.tracePairs(); pair++) {
				traced.add(once(plans.noDelay(), on));
				untraced.add(once(plans.noDelay(), off));
			}
			rows.add(median(traced).row(name, BenchRow.NO_DELAY_TRACE_ON));
			rows.add(median(untraced).row(name, BenchRow.NO_DELAY_TRACE_OFF));
		}
	}

	/**
	 * Warms a fresh contender up (JIT, connection handling, the database's caches) with
	 * no-delay runs, uncounted, until its throughput settles.
	 */
	private Stabilisation stabilise(ContenderProcess contender, LoadPlan plan, boolean traceOff)
			throws InterruptedException {
		return stabilise(contender.app().name(), contender, plan, traceOff);
	}

	private Stabilisation stabilise(String label, ContenderProcess contender, LoadPlan plan, boolean traceOff)
			throws InterruptedException {
		return Stabilisation.run(label, traceOff, this.properties.stabiliseRule(), () -> {
			LoadResult result = this.engine.run(plan, contender.app(), contender.pid()).block();
			Thread.sleep(PAUSE.toMillis());
			return result.throughput();
		});
	}

	/**
	 * Runs a plan as often as asked and keeps the run with the median throughput.
	 */
	private Measured median(LoadPlan plan, ContenderProcess contender) throws InterruptedException {
		List<Measured> results = new ArrayList<>();
		for (int run = 0; run < this.properties.runs(); run++) {
			results.add(once(plan, contender));
		}
		return median(results);
	}

	private static Measured median(List<Measured> results) {
		List<Measured> sorted = new ArrayList<>(results);
		sorted.sort(Comparator.comparingDouble((measured) -> measured.result().throughput()));
		return sorted.get(sorted.size() / 2);
	}

	/**
	 * One run, with the contender's {@code /api/costs} read around it: the costs come
	 * from the same run as the throughput, so a median keeps them together.
	 */
	private Measured once(LoadPlan plan, ContenderProcess contender) throws InterruptedException {
		CostProbe probe = CostProbe.start(contender.app().url());
		LoadResult result;
		try {
			result = this.engine.run(plan, contender.app(), contender.pid()).block();
		}
		finally {
			probe.close();
		}
		RunCosts costs = probe.finish();
		logger.info(describe(result) + describe(costs));
		Thread.sleep(PAUSE.toMillis());
		return new Measured(result, costs);
	}

	private static String describe(RunCosts c) {
		return String.format(Locale.ROOT, "; per request %.3f CPU ms, %.2f + %.2f switches; stacks %s MB",
				c.cpuMsPerRequest(), c.voluntaryPerRequest(), c.involuntaryPerRequest(),
				(c.peakStacksBytes() >= 0) ? Long.toString(c.peakStacksBytes() >> 20) : "-");
	}

	private static String describe(LoadResult r) {
		String size = (r.plan().model() == LoadPlan.Model.OPEN) ? "rate=" + r.plan().rate() + "/s"
				: "C=" + r.plan().concurrency();
		return String.format(Locale.ROOT,
				"%-8s %-7s delay=%-4d %8.1f/s eff %.2f p50 %.0f ms p99 %.0f ms max %.0f ms errors %d %s "
						+ "threads %d rss %d MB engine CPU %.0f%% server CPU %.0f%% (%d sent in the warm-up)",
				r.app(), size, r.plan().delayMs(), r.throughput(), r.efficiency(), r.latency().p50(), r.latency().p99(),
				r.latency().max(), r.errorCount(), r.errors().isEmpty() ? "" : r.errors(), r.peakThreads(),
				r.peakRssBytes() / (1024 * 1024), r.engineCpu() * 100, r.serverCpu() * 100, r.warmupSent());
	}

	private @Nullable Launch launch(String name) {
		LabApp app = this.lab.labApps()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"threadlab.bench.contenders: '" + name + "' is not one of lab.apps " + this.lab.apps()));
		Path java = (this.properties.java() != null) ? this.properties.java()
				: Path.of(System.getProperty("java.home"), "bin", "java");
		return switch (name) {
			case "blocking" -> (this.properties.blockingJar() != null)
					? new Launch(app, java, this.properties.blockingJar(), List.of()) : null;
			case "reactive" -> (this.properties.reactiveJar() != null)
					? new Launch(app, java, this.properties.reactiveJar(), List.of()) : null;
			case "virtual" -> (this.properties.virtualJava() != null && this.properties.blockingJar() != null)
					? new Launch(app, this.properties.virtualJava(), this.properties.blockingJar(),
							List.of("--spring.profiles.active=virtual"))
					: null;
			default -> throw new IllegalArgumentException("unknown contender " + name);
		};
	}

	private String header(Instant started, Plans plans, List<Stabilisation> warmups, List<String> notes) {
		BenchProperties p = this.properties;
		BenchProperties.Stabilise rule = p.stabiliseRule();
		StringBuilder md = new StringBuilder();
		md.append("# threadlab benchmark, ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
		md.append("Reproduce: `./run.sh bench").append(p.quick() ? " --quick" : "").append("`\n\n");
		md.append("- Machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append("; load engine on Java ")
			.append(System.getProperty("java.version"))
			.append(", in the same machine, over loopback.\n");
		md.append("- Contenders run one at a time, each started fresh with `")
			.append(String.join(" ", p.jvmArgs()))
			.append("`.\n");
		md.append("- Stabilising warm-up, uncounted, before the no-delay run of each started contender: runs of ")
			.append(BenchReport.seconds(plans.stabilise().duration()))
			.append(" without delay (")
			.append(plans.stabilise().concurrency())
			.append(" clients) until two in a row agree within ")
			.append(BenchReport.fixed(rule.tolerance() * 100, 0))
			.append(" % on throughput (")
			.append(rule.minRuns())
			.append(" to ")
			.append(rule.maxRuns())
			.append(" runs, none started after ")
			.append(BenchReport.seconds(rule.budget()))
			.append("). ")
			.append(warmups.isEmpty() ? "None ran."
					: warmups.stream().map(Stabilisation::describe).collect(Collectors.joining("; ")) + ".")
			.append('\n');
		md.append("- Each run then warms up for ")
			.append(BenchReport.seconds(p.runWarmup()))
			.append(" on its own connections before it is measured (closed: the same clients; open: the same "
					+ "schedule). Nothing sent in the warm-up is counted, and throughput counts the 2xx answers "
					+ "that arrived within the measured time, so the connections' opening and the first wave are "
					+ "left out.\n");
		md.append("- Closed model: C clients on keep-alive connections, each sending its next request when its last "
				+ "is answered, measured for ")
			.append(BenchReport.seconds(p.duration()))
			.append(" a level after the warm-up. ")
			.append(p.runs())
			.append((p.runs() == 1) ? " run" : " runs, the median kept,")
			.append(" per level.\n");
		LoadPlan open = plans.open();
		if (open != null) {
			md.append("- Open model: ")
				.append(open.rate())
				.append(" requests a second, due whatever the answers, measured for ")
				.append(BenchReport.seconds(open.duration()))
				.append(" after the warm-up; one run per contender.\n");
		}
		md.append("- Engine CPU: the load engine's JVM's share of the whole machine during the run.\n");
		notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		md.append("- Finished ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('.');
		return md.toString();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * What each contender is sent.
	 *
	 * @param stabilise one stabilising warm-up run
	 * @param noDelay the no-delay run
	 * @param sweep the sweep's levels
	 * @param open the open-model level, or {@code null} when it does not run
	 */
	private record Plans(LoadPlan stabilise, LoadPlan noDelay, List<LoadPlan> sweep, @Nullable LoadPlan open) {
	}

	/**
	 * One run's result and what it cost.
	 *
	 * @param result what the load engine measured
	 * @param costs what the contender spent, from its {@code /api/costs}
	 */
	private record Measured(LoadResult result, RunCosts costs) {

		BenchRow row(String contender, String series) {
			return new BenchRow(contender, series, this.result, this.costs);
		}

	}

	/**
	 * How to start one contender.
	 */
	private final class Launch {

		private final LabApp app;

		private final Path java;

		private final Path jar;

		private final List<String> args;

		Launch(LabApp app, Path java, Path jar, List<String> args) {
			this.app = app;
			this.java = java;
			this.jar = jar;
			this.args = args;
		}

		LabApp app() {
			return this.app;
		}

		List<String> args() {
			return this.args;
		}

		ContenderProcess start(List<String> more) throws IOException, InterruptedException {
			List<String> all = new ArrayList<>(this.args);
			// A later profile list replaces the contender's own (the pool level's names
			// both).
			if (more.stream().anyMatch((arg) -> arg.startsWith("--spring.profiles.active="))) {
				all.removeIf((arg) -> arg.startsWith("--spring.profiles.active="));
			}
			all.addAll(more);
			return ContenderProcess.start(this.app, this.java, this.jar, BenchRunner.this.properties.jvmArgs(), all,
					BenchRunner.this.properties.out());
		}

	}

}
