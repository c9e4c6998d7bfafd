package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.kit.ContractTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared contract test kit against the third contender on a PostgreSQL server
 * ({@link VirtualContender#POSTGRES}): a database delay is {@code pg_sleep}, and the
 * request's virtual thread waits in a socket read without holding its carrier.
 */
class VirtualPostgresContractIT extends ContractTestKit {

	@BeforeAll
	static void startVirtualContender() {
		VirtualContender.POSTGRES.url();
	}

	@Override
	protected URI baseUrl() {
		return VirtualContender.POSTGRES.url();
	}

	@Override
	protected Contender contender() {
		return Contender.VIRTUAL;
	}

	@Override
	protected Database database() {
		return Database.POSTGRESQL;
	}

}
