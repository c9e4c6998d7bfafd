package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.PostgresServer;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

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
