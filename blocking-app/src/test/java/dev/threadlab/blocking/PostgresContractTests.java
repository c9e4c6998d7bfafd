package dev.threadlab.blocking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared contract test kit against blocking-app on a PostgreSQL server (the
 * {@code postgres} profile), where a database delay is {@code pg_sleep} and the request's
 * thread waits in a socket read. Skipped without a server, except on CI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
class PostgresContractTests extends ContractTestKit {

	@LocalServerPort
	private int port;

	@BeforeAll
	static void postgresServer() {
		PostgresServer.assumeRunning();
	}

	@Test
	void aDelayedReadParksItsThreadInASocketReadOnTheServersAnswer() throws InterruptedException {
		CompletableFuture<Answer> read = client().sendAsync(client().request("/api/items/1?delayMs=1500").build());
		List<String> waiting = List.of();
		for (int i = 0; i < 50 && waiting.isEmpty(); i++) {
			Thread.sleep(50);
			// The server runs in this JVM: its request threads are here to look at.
			waiting = Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
				.filter((thread) -> thread.getThreadName().matches("http-nio-.*-exec-\\d+"))
				.filter((thread) -> inSocketReadForPostgres(thread.getStackTrace()))
				.map(ThreadInfo::getThreadName)
				.toList();
		}
		assertThat(read.join().status()).isEqualTo(200);
		assertThat(waiting).as("Tomcat threads waiting in pgjdbc's socket read").isNotEmpty();
	}

	private static boolean inSocketReadForPostgres(StackTraceElement[] stack) {
		boolean socketRead = Arrays.stream(stack)
			.anyMatch((frame) -> frame.getMethodName().equals("read") && (frame.getClassName().endsWith("NioSocketImpl")
					|| frame.getClassName().endsWith("SocketInputStream")));
		boolean pgjdbc = Arrays.stream(stack).anyMatch((frame) -> frame.getClassName().startsWith("org.postgresql."));
		return socketRead && pgjdbc;
	}

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.BLOCKING;
	}

	@Override
	protected Database database() {
		return Database.POSTGRESQL;
	}

}
