package dev.threadlab.dashboard.lab;

import dev.threadlab.dashboard.race.RaceForm;
import dev.threadlab.dashboard.race.RacePresets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LabClientConfiguration}.
 */
class LabClientConfigurationTests {

	@Test
	void theRaceClientHoldsEveryRequestARaceMayKeepInFlightToOneApp() {
		// A request that waits for a pooled connection would wait unseen by the server
		// and
		// by the race's clock alike: 2,000 sleepers must be 2,000 connections at once.
		assertThat(LabClientConfiguration.RACE_CONNECTIONS).isGreaterThanOrEqualTo(RaceForm.MAX_CONCURRENCY);
		assertThat(RacePresets.ALL).allSatisfy((plan) -> assertThat(plan.concurrency()).as(plan.id())
			.isLessThanOrEqualTo(LabClientConfiguration.RACE_CONNECTIONS));
		assertThat(RacePresets.SLEEPERS.concurrency()).isEqualTo(RacePresets.SLEEPERS.size()).isEqualTo(2_000);
		assertThat(RacePresets.MORE_THREADS.concurrency()).isEqualTo(RacePresets.MORE_THREADS.size()).isEqualTo(2_000);
	}

}
