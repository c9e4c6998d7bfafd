package dev.threadlab.dashboard.load;

import java.time.Duration;
import java.time.Instant;
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
	void aToldPidIsTrustedWhenThatProcessStartedWhenTheAppSaysItDid() {
		long pid = ProcessHandle.current().pid();
		Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
		assertThat(TargetSampler.trusted(new TargetSampler.ProcessBody(pid, started.plusMillis(300)))).isEqualTo(pid);
		assertThat(TargetSampler.trusted(new TargetSampler.ProcessBody(pid, started.minus(Duration.ofMinutes(5)))))
			.isNull();
		assertThat(TargetSampler.trusted(new TargetSampler.ProcessBody(pid, null))).isNull();
		assertThat(TargetSampler.trusted(new TargetSampler.ProcessBody(null, started))).isNull();
		assertThat(TargetSampler.trusted(null)).isNull();
	}

	@Test
	void aPidWithoutAProcessIsNotTrusted() {
		// above /proc/sys/kernel/pid_max (at most 2^22): never a process of this machine
		long none = (1L << 22) + 1;
		assertThat(ProcessHandle.of(none)).isEmpty();
		assertThat(TargetSampler.trusted(new TargetSampler.ProcessBody(none, Instant.now()))).isNull();
	}

	@Test
	void thisProcessHasAStatus() {
		TargetSampler.ProcStatus status = TargetSampler.ProcStatus.read(ProcessHandle.current().pid());
		assertThat(status).isNotNull();
		assertThat(status.rssBytes()).isPositive();
		assertThat(status.threads()).isPositive();
	}

}
