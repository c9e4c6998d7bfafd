package dev.threadlab.dashboard.race;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RaceForm}.
 */
class RaceFormTests {

	@Test
	void presetIsFoundById() {
		RacePlan plan = new RaceForm("wave-400", null, null, null, null, null).plan();
		assertThat(plan.size()).isEqualTo(400);
		assertThat(plan.requests()).first().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/api/items/1?delayMs=1000");
			assertThat(request.offsetMs()).isZero();
		});
	}

	@Test
	void presetRequestsAreInTheOrderTheyAreSent() {
		RacePlan plan = RacePresets.ABC;
		assertThat(plan.requests()).extracting(RacePlan.PlannedRequest::label).containsExactly("A", "B", "C");
		assertThat(plan.requests()).extracting(RacePlan.PlannedRequest::offsetMs).containsExactly(0, 50, 100);
	}

	@Test
	void everyPresetStaysWithinTheRaceLimits() {
		// Their stories are in the bundles: see MessageBundlesTests.
		assertThat(RacePresets.ALL).hasSize(15).allSatisfy((plan) -> {
			assertThat(plan.size()).isBetween(1, RaceForm.MAX_REQUESTS);
			assertThat(plan.concurrency()).isBetween(1, RaceForm.MAX_CONCURRENCY);
		});
	}

	@Test
	void customRaceIsBuiltFromAFixedTemplate() {
		RacePlan plan = new RaceForm(null, "sleep", 250, null, 1200, 100).plan();
		assertThat(plan.size()).isEqualTo(1200);
		assertThat(plan.concurrency()).isEqualTo(100);
		assertThat(plan.requests())
			.allSatisfy((request) -> assertThat(request.path()).isEqualTo("/api/sleep?delayMs=250"));
		assertThat(new RaceForm(null, "items", 0, null, 1001, null).plan().requests()).last()
			.satisfies((request) -> assertThat(request.path()).isEqualTo("/api/items/1?delayMs=0"));
	}

	@Test
	void racesOutOfBoundsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RaceForm(null, "items", 0, null, 2001, 1).plan())
			.withMessageContaining("requests");
		assertThatIllegalArgumentException().isThrownBy(() -> new RaceForm(null, "items", 0, null, 10, 2001).plan())
			.withMessageContaining("concurrency");
		assertThatIllegalArgumentException().isThrownBy(() -> new RaceForm(null, "items", 30_001, null, 1, 1).plan())
			.withMessageContaining("delayMs");
		assertThatIllegalArgumentException().isThrownBy(() -> new RaceForm(null, "cpu", 0, 0, 1, 1).plan())
			.withMessageContaining("iterations");
	}

	@Test
	void roundsOnTomcatThreadCountsRunOneAppAtATime() {
		RacePlan plan = new RaceForm(null, "items", 100, null, 40, 40, List.of(10, 40)).plan();
		assertThat(plan.tomcatThreads()).containsExactly(10, 40);
		assertThat(plan.oneAppAtATime()).isTrue();
		assertThat(new RaceForm(null, "items", 100, null, 40, 40, List.of()).plan().oneAppAtATime()).isFalse();
	}

	@Test
	void roundsOutOfTheKnobsBoundsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "items", 0, null, 1, 1, List.of(200, 4001)).plan())
			.withMessageContaining("tomcatThreads must be between 1 and 4000");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "items", 0, null, 1, 1, List.of(0)).plan())
			.withMessageContaining("tomcatThreads");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "items", 0, null, 1, 1, List.of(1, 2, 3, 4, 5)).plan())
			.withMessageContaining("at most 4");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "items", 0, null, 1, 1, List.of(200, 200)).plan())
			.withMessageContaining("repeat");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "items", 0, null, 1, 1, Arrays.asList(200, null)).plan())
			.withMessageContaining("tomcatThreads");
	}

	@Test
	void theBrowserCannotNameAUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RaceForm(null, "http://example.org/", 0, null, 1, 1).plan())
			.withMessageContaining("endpoint");
		assertThatIllegalArgumentException().isThrownBy(() -> new RaceForm("../../etc", null, 0, null, 1, 1).plan())
			.withMessageContaining("preset");
	}

}
