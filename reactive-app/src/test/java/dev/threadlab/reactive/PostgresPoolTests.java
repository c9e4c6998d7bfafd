package dev.threadlab.reactive;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.PostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * reactive-app on PostgreSQL with a pool larger than the load: every delayed read holds a
 * connection and sleeps on the server ({@code pg_sleep}), while no thread of the app
 * waits for it. BlockHound watches, with no allowance for the driver.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "lab.db.pool-size=" + PostgresPoolTests.POOL)
@ActiveProfiles("postgres")
@ExtendWith(NoBlockingCalls.class)
class PostgresPoolTests {

	static final int POOL = 120;

	@LocalServerPort
	private int port;

	@Autowired
	private DatabaseClient db;

	@BeforeAll
	static void postgresServerWithRoomForThePool() {
		PostgresServer.assumeRunning();
		ConnectionFactory admin = ConnectionFactories.get("r2dbc:postgresql://threadlab:threadlab@"
				+ PostgresServer.HOST + ":" + PostgresServer.PORT + "/threadlab");
		// The test's own thread, not an event loop: waiting for the answer here is fine.
		Integer room = Mono.usingWhen(admin.create(), (connection) -> Flux.from(connection
			.createStatement("SELECT current_setting('max_connections')::int"
					+ " - current_setting('superuser_reserved_connections')::int - count(*)::int FROM pg_stat_activity")
			.execute()).flatMap((result) -> result.map((row) -> row.get(0, Integer.class))).single(),
				(connection) -> connection.close())
			.block();
		if (room == null || room < POOL) {
			String message = "PostgreSQL has room for " + room + " more connections, and this test's pool needs " + POOL
					+ ": raise max_connections (.ci/run sets 500)";
			if ("true".equals(System.getenv("CI"))) {
				fail(message);
			}
			assumeTrue(false, message);
		}
	}

	@Test
	void hundredSlowReadsSleepOnTheServerAtOnceAndAnswerInOneWave() {
		try (LabClient client = new LabClient(URI.create("http://127.0.0.1:" + this.port))) {
			// Both sides open their connections (HTTP and the pool's) before the clock
			// runs.
			client.sendAll(100, (i) -> client.request("/api/items/1?delayMs=20").build());
			long start = System.nanoTime();
			CompletableFuture<List<Answer>> reads = CompletableFuture.supplyAsync(() -> client.sendAll(100,
					(i) -> client.request("/api/items/" + (i + 1) + "?delayMs=1000").build()));
			long mostSleeping = 0;
			while (!reads.isDone()) {
				mostSleeping = Math.max(mostSleeping, sleepingQueries());
				sleep(20);
			}
			List<Answer> answers = reads.join();
			long elapsedMs = (System.nanoTime() - start) / 1_000_000;
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
			double slowestInServerMs = answers.stream()
				.mapToDouble((answer) -> answer.json().get("trace").get("elapsedMs").asDouble())
				.max()
				.orElseThrow();
			System.out
				.printf("reactive on PostgreSQL, pool %d: 100 x 1 s in %d ms (the slowest %.0f ms in the server), "
						+ "at most %d pg_sleep at once%n", POOL, elapsedMs, slowestInServerMs, mostSleeping);
			assertThat(mostSleeping).as("pg_sleep queries active at once").isGreaterThanOrEqualTo(50);
			assertThat(elapsedMs).isLessThan(2_000);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The app's statements now sleeping on the server, as PostgreSQL itself sees them.
	 */
	private long sleepingQueries() {
		Long sleeping = this.db
			.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		return (sleeping != null) ? sleeping : 0;
	}

}
