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
 * The benchmark: starts each contender in turn, warms it up, runs the no-delay run and
 * the concurrency sweep on it, stops it, and writes the results. Never two contenders at
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
		List<BenchRow> rows = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (String name : this.properties.contenders()) {
			Launch launch = launch(name);
			if (launch == null) {
				notes.add(name + ": skipped (no JDK 21+ or no jar given)");
				logger.warn("Skipping " + name + ": no JDK 21+ or no jar given");
				continue;
			}
			bench(launch, rows);
		}
		new BenchReport(rows, header(started, notes)).write(out);
		logger.info("Results in " + out.toAbsolutePath() + " (results.md, results.csv, chart.svg)");
	}

	private void bench(Launch launch, List<BenchRow> rows) throws IOException, InterruptedException {
		Duration noDelay = min(this.properties.duration(), NO_DELAY_MAX);
		try (ContenderProcess contender = launch.start(List.of())) {
			logger
				.info("Started " + launch.app().name() + " (pid " + contender.pid() + ") at " + contender.app().url());
			warmUp(contender);
			rows.add(new BenchRow(launch.app().name(), BenchRow.NO_DELAY, median(
					LoadPlan.closed(this.properties.endpoint(), 0, this.properties.noDelayConcurrency(), noDelay),
					contender)));
			for (int level : this.properties.sweep()) {
				rows.add(new BenchRow(launch.app().name(), BenchRow.SWEEP,
						median(LoadPlan.closed(this.properties.endpoint(), this.properties.delayMs(), level,
								this.properties.duration()), contender)));
			}
		}
		if (this.properties.measureTraceOff()) {
			try (ContenderProcess contender = launch.start(List.of("--lab.trace.enabled=false"))) {
				warmUp(contender);
				rows.add(new BenchRow(launch.app().name(), BenchRow.NO_DELAY_TRACE_OFF, median(
						LoadPlan.closed(this.properties.endpoint(), 0, this.properties.noDelayConcurrency(), noDelay),
						contender)));
			}
		}
	}

	private void warmUp(ContenderProcess contender) throws InterruptedException {
		// JIT, connection handling and the database's caches, without counting.
		LoadPlan warmUp = LoadPlan.closed(this.properties.endpoint(), 0, this.properties.noDelayConcurrency(),
				this.properties.warmup());
		this.engine.run(warmUp, contender.app(), contender.pid()).block();
		Thread.sleep(PAUSE.toMillis());
	}

	/**
	 * Runs a plan as often as asked and keeps the run with the median throughput.
	 */
	private LoadResult median(LoadPlan plan, ContenderProcess contender) throws InterruptedException {
		List<LoadResult> results = new ArrayList<>();
		for (int run = 0; run < this.properties.runs(); run++) {
			LoadResult result = this.engine.run(plan, contender.app(), contender.pid()).block();
			logger.info(describe(result));
			results.add(result);
			Thread.sleep(PAUSE.toMillis());
		}
		results.sort(Comparator.comparingDouble(LoadResult::throughput));
		return results.get(results.size() / 2);
	}

	private static String describe(LoadResult r) {
		return String.format(Locale.ROOT,
				"%-8s C=%-5d delay=%-4d %8.1f/s eff %.2f p50 %.0f ms p99 %.0f ms max %.0f ms errors %d %s "
						+ "threads %d rss %d MB engine CPU %.0f%% server CPU %.0f%%",
				r.app(), r.plan().concurrency(), r.plan().delayMs(), r.throughput(), r.efficiency(), r.latency().p50(),
				r.latency().p99(), r.latency().max(), r.errorCount(), r.errors().isEmpty() ? "" : r.errors(),
				r.peakThreads(), r.peakRssBytes() / (1024 * 1024), r.engineCpu() * 100, r.serverCpu() * 100);
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

	private String header(Instant started, List<String> notes) {
		BenchProperties p = this.properties;
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
			.append("`, warmed up for ")
			.append(p.warmup().toSeconds())
			.append(" s without delay, then measured.\n");
		md.append("- Closed model: C clients on keep-alive connections, each sending its next request when its last "
				+ "is answered, for ")
			.append(p.duration().toSeconds())
			.append(" s a level; throughput counts until the last answer is in. ")
			.append(p.runs())
			.append((p.runs() == 1) ? " run" : " runs, the median kept,")
			.append(" per level.\n");
		md.append("- Engine CPU: the load engine's JVM's share of the whole machine during the run.\n");
		notes.forEach((note) -> md.append("- ").append(note).append('\n'));
		md.append("- Finished ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('.');
		return md.toString();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
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

		ContenderProcess start(List<String> more) throws IOException, InterruptedException {
			List<String> all = new ArrayList<>(this.args);
			all.addAll(more);
			return ContenderProcess.start(this.app, this.java, this.jar, BenchRunner.this.properties.jvmArgs(), all,
					BenchRunner.this.properties.out());
		}

	}

}
