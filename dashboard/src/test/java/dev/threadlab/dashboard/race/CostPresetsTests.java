package dev.threadlab.dashboard.race;

import java.util.List;

import dev.threadlab.shared.limits.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The presets that ask what each model costs (issue #9).
 */
class CostPresetsTests {

	@Test
	void costPresetsKeepTheirFixedIdsAndAreListedOnce() {
		assertThat(RacePresets.COSTS).extracting(RacePlan::id)
			.containsExactly("sleepers-2000", "more-threads", "switching");
		assertThat(RacePresets.ALL).extracting(RacePlan::id).doesNotHaveDuplicates();
		assertThat(RacePresets.find("sleepers-2000")).contains(RacePresets.SLEEPERS);
	}

	@Test
	void moreThreadsFitsOnTheTomcatKnobsHighestSetting() {
		// Run on 200 threads and then on one per request: the knob must reach 2,000.
		assertThat(Limits.MAX_TOMCAT_THREADS).isGreaterThanOrEqualTo(RacePresets.MORE_THREADS.size());
		assertThat(RacePresets.MORE_THREADS.tomcatThreads()).containsExactly(200, RacePresets.MORE_THREADS.size());
		// The knob holds one count at a time: the rounds, and so the apps, take turns.
		assertThat(RacePresets.MORE_THREADS.oneAppAtATime()).isTrue();
	}

	@Test
	void switchingRunsTheAppsOneAfterAnotherSoEachHasTheCores() {
		RacePlan switching = RacePresets.SWITCHING;
		assertThat(switching.oneAppAtATime()).isTrue();
		assertThat(switching.concurrency()).isEqualTo(200);
		List<String> paths = switching.requests().stream().map(RacePlan.PlannedRequest::path).distinct().toList();
		assertThat(paths).singleElement().asString().startsWith("/api/cpu?");
	}

}
