package dev.threadlab.blocking.activity;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TracingConfigurationTests {

	private static final String TRACING_OFF = "Request tracing is off (lab.trace.enabled=false)";

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
	void startupSaysSoOnlyWhenTracingIsOff(CapturedOutput output) {
		new TracingConfiguration(lab(true)).tracer(new MockEnvironment(), lab(true));
		assertThat(output).doesNotContain(TRACING_OFF);
		new TracingConfiguration(lab(false)).tracer(new MockEnvironment(), lab(false));
		assertThat(output).containsOnlyOnce(TRACING_OFF);
	}

	@Test
	void dbPoolIsUnknownWithoutAStartedHikariPool() {
		assertThat(TracingConfiguration.dbPool(null).get()).isNull();
		try (HikariDataSource notStarted = new HikariDataSource()) {
			assertThat(TracingConfiguration.dbPool(notStarted).get()).isNull();
		}
	}

	private static LabProperties lab(boolean tracing) {
		return new LabProperties(new LabProperties.Files(Path.of("unused")), 10, new LabProperties.Knobs(false),
				new LabProperties.Tracing(tracing));
	}

}
