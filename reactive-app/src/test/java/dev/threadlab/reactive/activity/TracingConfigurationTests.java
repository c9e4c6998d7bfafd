package dev.threadlab.reactive.activity;

import java.nio.file.Path;

import dev.threadlab.reactive.lab.LabProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class TracingConfigurationTests {

	private static final String TRACING_OFF = "Request tracing is off (lab.trace.enabled=false)";

	@Test
	void startupSaysSoOnlyWhenTracingIsOff(CapturedOutput output) {
		new TracingConfiguration(lab(true)).tracer(lab(true));
		assertThat(output).doesNotContain(TRACING_OFF);
		new TracingConfiguration(lab(false)).tracer(lab(false));
		assertThat(output).containsOnlyOnce(TRACING_OFF);
	}

	private static LabProperties lab(boolean tracing) {
		return new LabProperties(new LabProperties.Files(Path.of("unused")), 10, new LabProperties.Tracing(tracing));
	}

}
