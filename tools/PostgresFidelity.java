import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How closely the simulated database delay (H2) matches a real one (pg_sleep on a
 * PostgreSQL server), and how the pool becomes the ceiling on a real server. Starts one
 * contender at a time from its jar on a free loopback port, loads it from this process,
 * and stops it; prints Markdown and writes it to the output folder.
 *
 * <pre>
 * java tools/PostgresFidelity.java OUT JAVA17 JAVA21|- BLOCKING_JAR REACTIVE_JAR [delay] [pool [pools=10,100,400]]
 * </pre>
 *
 * Run it through {@code ./run.sh fidelity}, which builds the jars and finds the JDKs. A
 * single-file program on purpose: no build step, nothing of it in the apps.
 */
public class PostgresFidelity {

	static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.executor(Executors.newFixedThreadPool(8, (task) -> {
			// Daemon threads: a failed run ends the program instead of leaving it hanging.
			Thread thread = new Thread(task, "fidelity-client");
			thread.setDaemon(true);
			return thread;
		}))
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	record Contender(String name, Path java, Path jar, String profile) {
	}

	record Run(List<Double> latenciesMs, List<Double> serverMs, double wallMs, int errors, Peaks peaks) {

		double percentile(double p) {
			return percentile(this.latenciesMs, p);
		}

		double serverPercentile(double p) {
			return percentile(this.serverMs, p);
		}

		static double percentile(List<Double> values, double p) {
			double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
			return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
		}

	}

	/** The highest counts /api/threads showed during a run. */
	static final class Peaks {

		int inFlight;

		int poolActive;

		int poolPending;

		int live;

		void take(String json) {
			this.inFlight = Math.max(this.inFlight, number(json, "\"inFlight\":(\\d+)"));
			this.poolActive = Math.max(this.poolActive, number(json, "\"active\":(\\d+)"));
			this.poolPending = Math.max(this.poolPending, number(json, "\"pending\":(\\d+)"));
			this.live = Math.max(this.live, number(json, "\"live\":(\\d+)"));
		}

		static int number(String json, String regex) {
			Matcher matcher = Pattern.compile(regex).matcher(json);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}

	}

	public static void main(String[] args) throws Exception {
		Path out = Files.createDirectories(Path.of(args[0]));
		Path java17 = Path.of(args[1]);
		Path java21 = args[2].equals("-") ? null : Path.of(args[2]);
		Path blockingJar = Path.of(args[3]);
		Path reactiveJar = Path.of(args[4]);
		List<String> parts = (args.length > 5) ? Arrays.asList(args).subList(5, args.length) : List.of("delay", "pool");
		List<Contender> contenders = new ArrayList<>();
		contenders.add(new Contender("blocking", java17, blockingJar, ""));
		contenders.add(new Contender("reactive", java17, reactiveJar, ""));
		if (java21 != null) {
			contenders.add(new Contender("virtual", java21, blockingJar, "virtual"));
		}
		StringBuilder report = new StringBuilder("# threadlab on PostgreSQL: fidelity\n\n")
			.append("Run ").append(Instant.now()).append(", ")
			.append(Runtime.getRuntime().availableProcessors()).append(" cores; each contender alone, -Xmx512m.\n\n");
		if (parts.contains("delay")) {
			report.append(delayMatch(contenders, out));
		}
		if (parts.contains("pool")) {
			// pools=10,100 runs only those pools (each run opens that many connections).
			int[] pools = parts.stream()
				.filter((part) -> part.startsWith("pools="))
				.findFirst()
				.map((part) -> Arrays.stream(part.substring(6).split(",")).mapToInt(Integer::parseInt).toArray())
				.orElse(new int[] { 10, 100, 400 });
			report.append(poolCeiling(contenders, pools, out));
		}
		Files.writeString(out.resolve("fidelity.md"), report);
		System.out.println();
		System.out.println(report);
		System.out.println("Written: " + out.resolve("fidelity.md"));
		System.exit(0);
	}

	/**
	 * 100 concurrent reads of 500 ms on each model, H2 (the app waits) against PostgreSQL
	 * (pg_sleep on the server), with a pool of 120 on PostgreSQL so that the pool is not
	 * what is measured: a delay held on the server must cost what the simulated one does.
	 */
	static String delayMatch(List<Contender> contenders, Path out) throws Exception {
		StringBuilder table = new StringBuilder("## Delay match: 100 concurrent reads of 500 ms\n\n")
			.append("`GET /api/items/{1..100}?delayMs=500`, 100 at once, 3 waves after 2 warm-up waves; "
					+ "PostgreSQL with `lab.db.pool-size=120`. p50 and p99 over the 300 reads: in the server "
					+ "(the trace's `elapsedMs`) and at the client.\n\n")
			.append("| contender | server p50 ms, H2 | server p50 ms, PostgreSQL | server p50 difference | "
					+ "client p50 ms, H2 | client p50 ms, PostgreSQL | client p99 ms, H2 | client p99 ms, PostgreSQL |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Contender contender : contenders) {
			Run h2 = delayRuns(contender, false, out);
			Run pg = delayRuns(contender, true, out);
			double difference = (pg.serverPercentile(50) - h2.serverPercentile(50)) / h2.serverPercentile(50) * 100;
			table.append(String.format("| %s | %.1f | %.1f | %+.1f %% | %.1f | %.1f | %.1f | %.1f |%n",
					contender.name(), h2.serverPercentile(50), pg.serverPercentile(50), difference, h2.percentile(50),
					pg.percentile(50), h2.percentile(99), pg.percentile(99)));
			System.out.print(table);
		}
		return table.append('\n').toString();
	}

	static Run delayRuns(Contender contender, boolean postgres, Path out) throws Exception {
		List<String> args = postgres ? List.of("--lab.db.pool-size=120") : List.of();
		try (App app = App.start(contender, postgres, args, out)) {
			app.awaitFullPool();
			for (int i = 0; i < 2; i++) {
				wave(app, 100, 500, false);
			}
			List<Double> all = new ArrayList<>();
			List<Double> server = new ArrayList<>();
			int errors = 0;
			for (int i = 0; i < 3; i++) {
				Run run = wave(app, 100, 500, false);
				all.addAll(run.latenciesMs());
				server.addAll(run.serverMs());
				errors += run.errors();
			}
			return new Run(all, server, 0, errors, new Peaks());
		}
	}

	/**
	 * 400 concurrent reads of 1 s on PostgreSQL with pools of 10, 100 and 400: the pool
	 * is the ceiling of every model, and the table says where the rest waited.
	 */
	static String poolCeiling(List<Contender> contenders, int[] pools, Path out) throws Exception {
		StringBuilder table = new StringBuilder("## Pool ceiling: 400 concurrent reads of 1 s on PostgreSQL\n\n")
			.append("`GET /api/items/{1..400}?delayMs=1000`, 400 at once, once, after a warm-up wave of 400 "
					+ "short reads. Throughput is 400 over the wave's wall time. Peaks are from `/api/threads` "
					+ "every 100 ms: requests the server was handling (`inFlight`), connections in use and "
					+ "requests waiting for one (`dbPool`). Blocking's Tomcat queue is what its 200 threads "
					+ "could not take: 400 less its peak in flight.\n\n")
			.append("| contender | pool | wall s | throughput /s | client p50 ms | client p99 ms | errors | peak in flight | "
					+ "peak connections in use | peak waiting for a connection | queued before the app (400 - in flight) |\n")
			.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Contender contender : contenders) {
			for (int pool : pools) {
				try (App app = App.start(contender, true, List.of("--lab.db.pool-size=" + pool), out)) {
					app.awaitFullPool();
					wave(app, 400, 10, false);
					Run run = wave(app, 400, 1000, true);
					Peaks peaks = run.peaks();
					table.append(String.format("| %s | %d | %.2f | %.1f | %.0f | %.0f | %d | %d | %d | %d | %d |%n",
							contender.name(), pool, run.wallMs() / 1000, 400 / (run.wallMs() / 1000),
							run.percentile(50), run.percentile(99), run.errors(), peaks.inFlight, peaks.poolActive,
							peaks.poolPending, 400 - peaks.inFlight));
					System.out.print(table);
				}
			}
		}
		return table.append('\n').toString();
	}

	/** {@code count} reads at once, each of {@code delayMs}; samples the app while they run. */
	static Run wave(App app, int count, int delayMs, boolean sample) throws Exception {
		List<CompletableFuture<double[]>> answers = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(app.url + "/api/items/" + (i % 1000 + 1) + "?delayMs=" + delayMs))
				.timeout(Duration.ofSeconds(120))
				.build();
			long sent = System.nanoTime();
			answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.thenApply((response) -> (response.statusCode() == 200)
						? new double[] { (System.nanoTime() - sent) / 1e6, elapsedMs(response.body()) }
						: new double[] { -1, -1 })
				.exceptionally((ex) -> new double[] { -1, -1 }));
		}
		Peaks peaks = new Peaks();
		CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
		while (sample && !all.isDone()) {
			try {
				peaks.take(http
					.send(HttpRequest.newBuilder(URI.create(app.url + "/api/threads")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
			}
			catch (IOException ex) {
				// a missed sample
			}
			Thread.sleep(100);
		}
		all.join();
		double wallMs = (System.nanoTime() - start) / 1e6;
		List<Double> latencies = new ArrayList<>();
		List<Double> server = new ArrayList<>();
		int errors = 0;
		for (CompletableFuture<double[]> answer : answers) {
			double[] ms = answer.join();
			if (ms[0] < 0) {
				errors++;
			}
			else {
				latencies.add(ms[0]);
				server.add(ms[1]);
			}
		}
		return new Run(latencies, server, wallMs, errors, peaks);
	}

	static double elapsedMs(String body) {
		Matcher matcher = Pattern.compile("\"elapsedMs\":([0-9.]+)").matcher(body);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
	}

	/** One contender's process. */
	static final class App implements AutoCloseable {

		final String url;

		final Process process;

		private App(String url, Process process) {
			this.url = url;
			this.process = process;
		}

		static App start(Contender contender, boolean postgres, List<String> more, Path out) throws Exception {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			String profiles = String.join(",",
					List.of(contender.profile(), postgres ? "postgres" : "").stream().filter((p) -> !p.isEmpty()).toList());
			List<String> command = new ArrayList<>(List.of(contender.java().toString(), "-Xms512m", "-Xmx512m", "-jar",
					contender.jar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
					"--lab.files.dir=" + Files.createTempDirectory("threadlab-fidelity-")));
			if (!profiles.isEmpty()) {
				command.add("--spring.profiles.active=" + profiles);
			}
			command.addAll(more);
			String name = contender.name() + (postgres ? "-postgres" : "-h2") + String.join("", more).replaceAll("\\D+", "-");
			System.out.println("Starting " + name + ": " + String.join(" ", command.subList(4, command.size())));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(out.resolve(name + ".log").toFile())
				.start();
			App app = new App("http://127.0.0.1:" + port, process);
			long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
			while (System.nanoTime() < deadline) {
				if (!process.isAlive()) {
					throw new IllegalStateException(name + " exited; see " + out.resolve(name + ".log"));
				}
				try {
					HttpResponse<String> health = http.send(
							HttpRequest.newBuilder(URI.create(app.url + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.ofString());
					if (health.body().contains("UP")) {
						return app;
					}
				}
				catch (IOException ex) {
					// not listening yet
				}
				Thread.sleep(250);
			}
			app.close();
			throw new IllegalStateException(name + " not healthy after 300 s");
		}

		/**
		 * Waits until the app's pool has opened every connection. HikariCP opens its pool
		 * on the first borrow and fills it in the background, one connection at a time:
		 * on a loaded 2-core machine a pool of 120 was still at 63, 94 and 114 during the
		 * first three waves, so those waves measured the filling, not the delay. The R2DBC
		 * pool opens all its connections at start.
		 */
		void awaitFullPool() throws Exception {
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (System.nanoTime() < deadline) {
				String threads = http
					.send(HttpRequest.newBuilder(URI.create(this.url + "/api/threads")).build(),
							HttpResponse.BodyHandlers.ofString())
					.body();
				int max = Peaks.number(threads, "\"max\":(\\d+)");
				int open = Peaks.number(threads, "\"active\":(\\d+)") + Peaks.number(threads, "\"idle\":(\\d+)");
				if (max > 0 && open >= max) {
					return;
				}
				if (max == 0) {
					// no pool yet: one read makes Hikari start it
					http.send(HttpRequest.newBuilder(URI.create(this.url + "/api/items/1")).build(),
							HttpResponse.BodyHandlers.discarding());
				}
				Thread.sleep(250);
			}
			System.out.println("The pool did not fill within 120 s; measuring anyway");
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}

	}

}
