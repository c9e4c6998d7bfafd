package dev.threadlab.dashboard.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TargetSampler}.
 */
class TargetSamplerTests {

	@Test
	void residentMemoryAndThreadsComeFromProcStatus() {
		TargetSampler.ProcStatus status = TargetSampler.ProcStatus
			.parse(List.of("Name:\tjava", "VmPeak:\t 9999 kB", "VmRSS:\t  358400 kB", "Threads:\t231"));
		assertThat(status).isEqualTo(new TargetSampler.ProcStatus(358_400L * 1024, 231));
	}

	@Test
	void thisProcessHasAStatus() {
		TargetSampler.ProcStatus status = TargetSampler.ProcStatus.read(ProcessHandle.current().pid());
		assertThat(status).isNotNull();
		assertThat(status.rssBytes()).isPositive();
		assertThat(status.threads()).isPositive();
	}

}
