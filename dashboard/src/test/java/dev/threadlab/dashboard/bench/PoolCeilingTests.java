package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.AppJars;
import dev.threadlab.dashboard.bench.PoolProbe.PoolPeaks;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.dashboard.load.Latency;
import dev.threadlab.dashboard.load.LoadEngine;
import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The pool-ceiling level (#12): its settings, its table's arithmetic, and a tiny run on a
 * real PostgreSQL server when one answers.
 */
class PoolCeilingTests {

	@Test
	void poolLevelIsOffByDefaultAndRunsPoolsOf10100And400On400ClientsOf1s() {
		BenchProperties properties = bind(Map.of());
		assertThat(properties.pool().enabled()).isFalse();
		assertThat(properties.poolSizes()).containsExactly(10, 100, 400);
		assertThat(properties.pool().concurrency()).isEqualTo(400);
		assertThat(properties.pool().delayMs()).isEqualTo(1000);
		assertThat(properties.pool().profile()).isEqualTo("postgres");
	}

	@Test
	void quickPoolLevelRunsFewerPools() {
		BenchProperties properties = bind(Map.of("threadlab.bench.quick", "true", "threadlab.bench.pool.enabled",
				"true", "threadlab.bench.pool.max-connections", "500"));
		assertThat(properties.pool().enabled()).isTrue();
		assertThat(properties.poolSizes()).containsExactly(10, 100);
		assertThat(properties.pool().maxConnections()).isEqualTo(500);
	}

	@Test
	void aPoolFitsOnlyUnderMaxConnectionsLessTheSuperusersReserve() {
		BenchProperties.Pool unknown = bind(Map.of()).pool();
		assertThat(unknown.fits(400)).as("max_connections unknown").isTrue();
		BenchProperties.Pool pool = bind(Map.of("threadlab.bench.pool.max-connections", "100")).pool();
		assertThat(pool.fits(97)).isTrue();
		assertThat(pool.fits(98)).isFalse();
		assertThat(pool.fits(400)).isFalse();
	}

	@Test
	void rowSaysTheCeilingAndWhereTheRestWaited() {
		// blocking on a pool of 10: 200 Tomcat threads in, 190 of them waiting for a
		// connection, 200 never seen by the app
		PoolCeilingRow blocking = row("blocking", 10, 9.4, new PoolPeaks(200, 10, 190, 230));
		assertThat(blocking.ceiling()).isEqualTo(10.0);
		assertThat(blocking.queuedBeforeTheApp()).isEqualTo(200);
		assertThat(blocking.waitedWhere()).isEqualTo("pool 190, before the app 200");
		assertThat(blocking.markdown()).startsWith("| blocking | 10 | 400 | 9.4 | 10 | 0.94 |")
			.endsWith("| pool 190, before the app 200 |");
		// reactive on a pool as large as the crowd: nothing waits
		PoolCeilingRow reactive = row("reactive", 400, 380, new PoolPeaks(400, 400, 0, 40));
		assertThat(reactive.ceiling()).isEqualTo(400.0);
		assertThat(reactive.waitedWhere()).isEqualTo("nowhere");
		// a pool larger than the crowd is capped by the crowd
		assertThat(row("virtual", 1000, 390, new PoolPeaks(400, 400, 0, 30)).ceiling()).isEqualTo(400.0);
	}

	@Test
	void tinyPoolLevelOnPostgresqlShowsThePoolAsTheCeiling(@TempDir Path out) throws Exception {
		assumePostgresql();
		Path jar = AppJars.reactive();
		BenchProperties.Pool pool = new BenchProperties.Pool(true, List.of(4), List.of(4), 16, 500, "postgres", 0, 3);
		BenchProperties properties = new BenchProperties(true, true, out, List.of("reactive"), null, null, null, jar,
				List.of("-Xmx256m"), "/api/items/1", 200, List.of(), List.of(), Duration.ofSeconds(1),
				Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 4, stabilise(), open(), false,
				1, pool);
		LoadEngine engine = LoadEngine.create(WebClient.create());
		try {
			new BenchRunner(properties, engine, lab()).run(null);
		}
		finally {
			engine.close();
		}
		String md = Files.readString(out.resolve("results.md"));
		assertThat(md).contains("pool ceiling on PostgreSQL").contains("load average at the start");
		String row = md.lines().filter((line) -> line.startsWith("| reactive | 4 |")).findFirst().orElseThrow();
		String[] cells = row.split("\\|");
		double throughput = Double.parseDouble(cells[4].trim());
		// 4 connections held 0.5 s each: at most 8 a second whatever the 16 clients do
		// (16 in 2 s at best), and well above nothing
		assertThat(throughput).isBetween(1.0, 8.0 * 1.1);
		// the peaks: all 4 connections lent out, requests waiting on the pool, none
		// before the app (the event loop takes every request)
		assertThat(Integer.parseInt(cells[11].trim())).as("peak connections in use").isEqualTo(4);
		assertThat(Integer.parseInt(cells[12].trim())).as("peak waiting for a connection").isPositive();
		assertThat(cells[15].trim()).startsWith("pool ");
	}

	private static PoolCeilingRow row(String contender, int pool, double throughput, PoolPeaks peaks) {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, 400, Duration.ofSeconds(10));
		LoadResult result = new LoadResult(contender, plan, 10_000, 100, 94, Map.of(), throughput, 0,
				new Latency(94, 20_000, 30_000, 40_000, 41_000, 42_000), 400, peaks.inFlight(), peaks.live(), 0, -1, -1,
				-1, -1, 0);
		return new PoolCeilingRow(contender, pool, result, peaks, true);
	}

	private static BenchProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("threadlab.bench",
				BenchProperties.class);
	}

	private static BenchProperties.Stabilise stabilise() {
		return new BenchProperties.Stabilise(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 8, 3,
				Duration.ofSeconds(20), 0.05);
	}

	private static BenchProperties.Open open() {
		return new BenchProperties.Open(false, false, 20, Duration.ofSeconds(1), Duration.ofSeconds(1));
	}

	private static LabProperties lab() {
		return new LabProperties(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"),
				URI.create("http://127.0.0.1:8083"), List.of("blocking", "reactive", "virtual"), Duration.ofMillis(500),
				Duration.ofMillis(1500), false);
	}

	/** As the apps' PostgresServer: skipped without a server, failed on CI. */
	private static void assumePostgresql() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
			return;
		}
		catch (IOException ex) {
			String message = "No PostgreSQL server answers at 127.0.0.1:5432: the pool-ceiling level is not run. "
					+ "See README, On a real database";
			if ("true".equals(System.getenv("CI"))) {
				fail(message);
			}
			assumeTrue(false, message);
		}
	}

}
