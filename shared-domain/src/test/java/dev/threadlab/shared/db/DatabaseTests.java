package dev.threadlab.shared.db;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DatabaseTests {

	@Test
	void databaseIsKnownByItsUrlsAndProductName() {
		assertThat(Database.of("jdbc:postgresql://127.0.0.1:5432/threadlab")).isEqualTo(Database.POSTGRESQL);
		assertThat(Database.of("r2dbc:postgresql://127.0.0.1/threadlab")).isEqualTo(Database.POSTGRESQL);
		assertThat(Database.of("r2dbc:pool:postgresql://127.0.0.1/threadlab")).isEqualTo(Database.POSTGRESQL);
		assertThat(Database.of("PostgreSQL")).isEqualTo(Database.POSTGRESQL);
		assertThat(Database.of("jdbc:h2:mem:threadlab;DB_CLOSE_DELAY=-1")).isEqualTo(Database.H2);
		assertThat(Database.of("r2dbc:h2:mem:///threadlab")).isEqualTo(Database.H2);
		assertThat(Database.of("H2")).isEqualTo(Database.H2);
		assertThatIllegalArgumentException().isThrownBy(() -> Database.of("jdbc:mysql://127.0.0.1/threadlab"));
	}

	@Test
	void serverAddressIsHostAndPortWithoutCredentialsAndNoneForH2() {
		assertThat(Database.address("jdbc:postgresql://127.0.0.1:5432/threadlab")).isEqualTo("127.0.0.1:5432");
		assertThat(Database.address("r2dbc:pool:postgresql://db.example/threadlab?ssl=false"))
			.isEqualTo("db.example:5432");
		assertThat(Database.address("r2dbc:postgresql://threadlab:secret@10.0.0.5:5433/threadlab"))
			.isEqualTo("10.0.0.5:5433");
		assertThat(Database.address("jdbc:postgresql://[::1]:5434/threadlab")).isEqualTo("[::1]:5434");
		assertThat(Database.address("jdbc:postgresql:threadlab")).isNull();
		assertThat(Database.address("jdbc:h2:mem:threadlab;DB_CLOSE_DELAY=-1")).isNull();
		assertThat(Database.address("r2dbc:h2:mem:///threadlab")).isNull();
	}

	@Test
	void h2LeavesTheWholeDelayToTheAppAndItsStatementsUnchanged() {
		assertThat(Database.H2.appDelayMs(500)).isEqualTo(500);
		assertThat(Database.H2.delayParams(500)).isEmpty();
		assertThat(Database.H2.findItem(500)).isEqualTo(Database.H2.findItem(0)).doesNotContain("pg_sleep");
		assertThat(Database.H2.findPage(500)).isEqualTo(Database.H2.findPage(0));
		assertThat(Database.H2.insertItem(500)).isEqualTo(Database.H2.insertItem(0)).contains("FINAL TABLE");
	}

	@Test
	void postgresqlSleepsOnTheServerInTheStatementItself() {
		assertThat(Database.POSTGRESQL.appDelayMs(500)).isZero();
		assertThat(Database.POSTGRESQL.delayParams(500)).containsEntry("delay", 0.5);
		for (String statement : new String[] { Database.POSTGRESQL.findItem(500), Database.POSTGRESQL.findPage(500),
				Database.POSTGRESQL.insertItem(500) }) {
			assertThat(statement).startsWith("WITH delay AS (SELECT pg_sleep(:delay))")
				.contains("EXISTS (SELECT FROM delay)");
		}
	}

	@Test
	void postgresqlSendsNoSleepWithoutADelay() {
		assertThat(Database.POSTGRESQL.delayParams(0)).isEmpty();
		assertThat(Database.POSTGRESQL.findItem(0)).doesNotContain("pg_sleep").doesNotContain(":delay");
		assertThat(Database.POSTGRESQL.findPage(0)).doesNotContain("pg_sleep");
		assertThat(Database.POSTGRESQL.insertItem(0)).doesNotContain("pg_sleep")
			.endsWith("RETURNING id, name, created_at");
	}

}
