package dev.threadlab.blocking.activity;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadlab.shared.contract.Contender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class TracingConfigurationTests {

	@Test
	void contenderIsBlockingOnPlatformThreads() {
		assertThat(TracingConfiguration.contender(new MockEnvironment())).isEqualTo(Contender.BLOCKING);
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void contenderIsVirtualWhenVirtualThreadsAreOn() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
		assertThat(TracingConfiguration.contender(environment)).isEqualTo(Contender.VIRTUAL);
	}

	@Test
	void dbPoolIsUnknownWithoutAStartedHikariPool() {
		assertThat(TracingConfiguration.dbPool(null).get()).isNull();
		try (HikariDataSource notStarted = new HikariDataSource()) {
			assertThat(TracingConfiguration.dbPool(notStarted).get()).isNull();
		}
	}

}
