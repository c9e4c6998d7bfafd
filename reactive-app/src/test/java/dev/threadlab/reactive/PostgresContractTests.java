package dev.threadlab.reactive;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The shared contract test kit against reactive-app on a PostgreSQL server (the
 * {@code postgres} profile), where a database delay is {@code pg_sleep} and
 * r2dbc-postgresql waits for the answer on a Netty channel. BlockHound watches every
 * request, with no allowance for the driver: a blocking call on an event loop or a timer
 * thread fails the test that caused it. Skipped without a server, except on CI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@ExtendWith(NoBlockingCalls.class)
class PostgresContractTests extends ContractTestKit {

	@LocalServerPort
	private int port;

	@BeforeAll
	static void postgresServer() {
		PostgresServer.assumeRunning();
	}

	@AfterEach
	void sleepEndpointBlocksOnPurpose() {
		// Runs before NoBlockingCalls checks the test: the kit's /api/sleep without
		// offload is a Thread.sleep on an event loop by design; any other call still
		// fails.
		NoBlockingCalls.drainSleepEndpoint();
	}

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.REACTIVE;
	}

	@Override
	protected Database database() {
		return Database.POSTGRESQL;
	}

}
