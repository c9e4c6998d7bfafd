package dev.threadlab.dashboard.race;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabClients;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RaceRunner}.
 */
class RaceRunnerTests {

	private final WebClient client = WebClient.create();

	private final RaceRunner runner = new RaceRunner(new LabClients(this.client, this.client));

	@Test
	void laterRequestsWithShorterWaitsFinishFirstOnEveryApp() {
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("finished")).next())
				.then(() -> this.runner.start(RacePresets.ABC, List.of(blocking.labApp(), reactive.labApp())))
				.assertNext((finished) -> assertThat(finished.summaries()).hasSize(2).allSatisfy((summary) -> {
					assertThat(summary.arrivalOrder()).containsExactly("A", "B", "C");
					assertThat(summary.completionOrder()).containsExactly("C", "B", "A");
					assertThat(summary.answered()).isEqualTo(3);
					assertThat(summary.probes()).isZero();
					assertThat(summary.probeMaxMs()).isEqualTo(-1);
				}))
				.verifyComplete();
		}
	}

	@Test
	void sharedCounterRaceResetsEachCounterThenComparesItWithTheIncrementsAnswered() {
		try (StubApp stub = StubApp.start("blocking")) {
			StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("finished")).next())
				.then(() -> this.runner.start(RacePresets.SHARED_COUNTER, List.of(stub.labApp())))
				.assertNext((finished) -> assertThat(finished.summaries()).singleElement().satisfies((summary) -> {
					assertThat(summary.answered()).isEqualTo(200);
					// The stub loses one increment in each tenth POST, after a reset to
					// 0.
					assertThat(summary.counter()).isEqualTo(new RaceSummary.Counted(200_000, 200_000 - 20));
					assertThat(summary.counter().lost()).isEqualTo(20);
				}))
				.verifyComplete();
			assertThat(stub.counterValue()).isEqualTo(200_000 - 20);
		}
	}

	@Test
	void otherRacesReadNoCounter() {
		try (StubApp stub = StubApp.start("blocking")) {
			StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("finished")).next())
				.then(() -> this.runner.start(RacePresets.ABC, List.of(stub.labApp())))
				.assertNext((finished) -> assertThat(finished.summaries()).singleElement()
					.satisfies((summary) -> assertThat(summary.counter()).isNull()))
				.verifyComplete();
			assertThat(stub.counterValue()).as("never reset").isEqualTo(-1);
		}
	}

	@Test
	void eachRequestIsSplitIntoWaitingAndBeingServed() {
		try (StubApp stub = StubApp.start("blocking")) {
			RacePlan plan = new RaceForm(null, "items", 200, null, 20, 20).plan();
			StepVerifier.create(this.runner.updates().takeUntil((update) -> update.type().equals("finished")))
				.then(() -> this.runner.start(plan, List.of(stub.labApp())))
				.thenConsumeWhile((update) -> true)
				.verifyComplete();
			RaceState state = this.runner.current();
			assertThat(state.running()).isFalse();
			assertThat(state.results()).hasSize(20).allSatisfy((result) -> {
				assertThat(result.status()).isEqualTo(200);
				assertThat(result.servedMs()).isEqualTo(200);
				assertThat(result.latencyMs()).isGreaterThanOrEqualTo(200);
				assertThat(result.waitingMs()).isEqualTo(result.latencyMs() - result.servedMs());
				assertThat(result.trace().requestId()).startsWith("race-");
			});
		}
	}

	@Test
	void afterTheRaceEachAppsCostsComeAsDifferencesPerRequest() {
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			RacePlan plan = new RaceForm(null, "items", 100, null, 10, 10).plan();
			StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("costs")).next())
				.then(() -> this.runner.start(plan, List.of(blocking.labApp(), reactive.labApp())))
				.assertNext((update) -> {
					assertThat(update.costs()).containsOnlyKeys("blocking", "reactive");
					assertThat(update.costs().values()).allSatisfy((costs) -> {
						assertThat(costs.requests()).isEqualTo(10);
						assertThat(costs.cpuMsPerRequest()).isEqualTo(2);
						assertThat(costs.voluntaryPerRequest()).isEqualTo(7);
						assertThat(costs.involuntaryPerRequest()).isEqualTo(1);
						assertThat(costs.peakRssBytes()).isEqualTo(300L << 20);
						assertThat(costs.peakPlatformThreads()).isEqualTo(24);
						assertThat(costs.peakVirtualThreads()).isZero();
					});
					assertThat(update.costs().get("blocking").peakStacksBytes()).isEqualTo(25L << 20);
					assertThat(update.costs().get("reactive").peakStacksBytes()).isEqualTo(3L << 20);
				})
				.expectComplete()
				.verify(Duration.ofSeconds(20));
			assertThat(this.runner.current().costs()).containsOnlyKeys("blocking", "reactive");
		}
	}

	@Test
	void oneRaceAtATime() {
		try (StubApp stub = StubApp.start("blocking")) {
			RacePlan slow = new RaceForm(null, "items", 1_000, null, 2, 2).plan();
			this.runner.start(slow, List.of(stub.labApp()));
			assertThatExceptionOfType(RaceBusyException.class)
				.isThrownBy(() -> this.runner.start(slow, List.of(stub.labApp())));
			this.runner.updates()
				.filter((update) -> update.type().equals("finished"))
				.blockFirst(Duration.ofSeconds(5));
			this.runner.start(RacePresets.ABC, List.of(stub.labApp()));
		}
	}

	@Test
	void oneAppAtATimeStartsEachAppOnceTheOneBeforeHasEveryAnswer() {
		RacePlan plan = new RacePlan("seq", List.of(new RaceGroup("r", 3, "/api/items/{n}?delayMs=300", 0, 0)), 3,
				true);
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			StepVerifier.create(this.runner.updates().takeUntil((update) -> update.type().equals("finished")))
				.then(() -> this.runner.start(plan, List.of(blocking.labApp(), reactive.labApp())))
				.thenConsumeWhile((update) -> true)
				.verifyComplete();
			List<RaceResult> results = this.runner.current().results();
			assertThat(results).hasSize(6).allSatisfy((result) -> assertThat(result.status()).isEqualTo(200));
			Instant firstDone = results.stream()
				.filter((result) -> result.app().equals("blocking"))
				.map((result) -> result.trace().completedAt())
				.max(Instant::compareTo)
				.orElseThrow();
			Instant secondStarted = results.stream()
				.filter((result) -> result.app().equals("reactive"))
				.map((result) -> result.trace().receivedAt())
				.min(Instant::compareTo)
				.orElseThrow();
			assertThat(secondStarted).isAfterOrEqualTo(firstDone);
			// Each app on its own clock: both start near zero.
			assertThat(results).allSatisfy((result) -> assertThat(result.sentMs()).isLessThan(250));
		}
	}

	@Test
	void probesAreSummarisedApartFromTheRequestsTheyWatch() {
		RacePlan plan = new RacePlan("probed", List.of(new RaceGroup("slow", 2, "/api/items/{n}?delayMs=400", 0, 0),
				RaceGroup.probes(3, "/api/items/1", 50, 20)), 5);
		try (StubApp stub = StubApp.start("reactive")) {
			StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("finished")).next())
				.then(() -> this.runner.start(plan, List.of(stub.labApp())))
				.assertNext((finished) -> assertThat(finished.summaries()).singleElement().satisfies((summary) -> {
					assertThat(summary.answered()).isEqualTo(5);
					assertThat(summary.probes()).isEqualTo(3);
					assertThat(summary.probeMedianMs()).isPositive().isLessThanOrEqualTo(summary.probeMaxMs());
					// The stub answers a probe at once, whatever else it is doing.
					assertThat(summary.probeMaxMs()).isLessThan(400);
				}))
				.verifyComplete();
			assertThat(this.runner.current().results()).filteredOn(RaceResult::probe)
				.extracting(RaceResult::label)
				.containsExactlyInAnyOrder("probe1", "probe2", "probe3");
		}
	}

	@Test
	void anAppThatIsDownFailsItsRequestsAndTheRaceStillEnds() {
		StubApp gone = StubApp.start("reactive");
		gone.close();
		StepVerifier.create(this.runner.updates().filter((update) -> update.type().equals("finished")).next())
			.then(() -> this.runner.start(RacePresets.ABC, List.of(gone.labApp())))
			.assertNext((finished) -> assertThat(finished.summaries()).singleElement().satisfies((summary) -> {
				assertThat(summary.failed()).isEqualTo(3);
				assertThat(summary.answered()).isZero();
			}))
			.verifyComplete();
	}

	@Test
	void roundsRunEachThreadCountAloneThenTurnTheKnobBack() {
		RacePlan plan = new RaceForm(null, "items", 300, null, 4, 4, List.of(10, 40)).plan();
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			StepVerifier.create(this.runner.updates().takeUntil((update) -> update.type().equals("finished")))
				.then(() -> this.runner.start(plan, List.of(blocking.labApp(), reactive.labApp())))
				.thenConsumeWhile((update) -> true)
				.verifyComplete();
			RaceState state = this.runner.current();
			assertThat(state.info().legs()).extracting(RaceLeg::key)
				.containsExactly("blocking@10", "blocking@40", "reactive");
			assertThat(state.info().legs()).extracting(RaceLeg::tomcatThreads).containsExactly(10, 40, null);
			// Turned to each count before its round, and back to where it stood after.
			assertThat(blocking.knobTurns()).containsExactly(10, 40, 200);
			assertThat(reactive.knobTurns()).isEmpty();
			assertThat(blocking.itemArrivals()).isEqualTo(8);
			assertThat(state.results()).hasSize(12).allSatisfy((result) -> assertThat(result.status()).isEqualTo(200));
			assertThat(state.summaries()).extracting(RaceSummary::leg)
				.containsExactly("blocking@10", "blocking@40", "reactive");
			assertThat(state.summaries()).extracting(RaceSummary::app)
				.containsExactly("blocking", "blocking", "reactive");
			assertThat(state.summaries()).allSatisfy((summary) -> assertThat(summary.answered()).isEqualTo(4));
			// Each round alone: the second starts once the first has every answer in.
			Instant firstDone = lastCompleted(state, "blocking@10");
			assertThat(firstReceived(state, "blocking@40")).isAfterOrEqualTo(firstDone);
			assertThat(firstReceived(state, "reactive")).isAfterOrEqualTo(lastCompleted(state, "blocking@40"));
		}
	}

	@Test
	void eachRoundHasItsOwnCosts() {
		RacePlan plan = new RaceForm(null, "items", 100, null, 10, 10, List.of(10, 40)).plan();
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			StepVerifier.create(this.runner.updates().takeUntil((update) -> update.type().equals("finished")))
				.then(() -> this.runner.start(plan, List.of(blocking.labApp(), reactive.labApp())))
				.thenConsumeWhile((update) -> true)
				.verifyComplete();
			// Every leg's costs are read before the next leg starts, so all are in by
			// the end, each over its own 10 requests.
			assertThat(this.runner.current().costs()).containsOnlyKeys("blocking@10", "blocking@40", "reactive")
				.allSatisfy((leg, costs) -> assertThat(costs.requests()).as(leg).isEqualTo(10));
		}
	}

	@Test
	void aRoundWhoseKnobCannotBeTurnedSendsNothingAndSaysWhy() {
		RacePlan plan = new RaceForm(null, "items", 100, null, 3, 3, List.of(10, 40)).plan();
		try (StubApp blocking = StubApp.startWithoutKnobs("blocking")) {
			StepVerifier.create(this.runner.updates().takeUntil((update) -> update.type().equals("finished")))
				.then(() -> this.runner.start(plan, List.of(blocking.labApp())))
				.thenConsumeWhile((update) -> true)
				.verifyComplete();
			RaceState state = this.runner.current();
			assertThat(blocking.itemArrivals()).as("nothing sent on the wrong thread count").isZero();
			assertThat(state.results()).hasSize(6)
				.allSatisfy((result) -> assertThat(result.error()).startsWith("not sent").contains("knobs are off"));
			assertThat(state.summaries()).allSatisfy((summary) -> assertThat(summary.failed()).isEqualTo(3));
		}
	}

	private static Instant lastCompleted(RaceState state, String leg) {
		return state.results()
			.stream()
			.filter((result) -> result.leg().equals(leg))
			.map((result) -> result.trace().completedAt())
			.max(Instant::compareTo)
			.orElseThrow();
	}

	private static Instant firstReceived(RaceState state, String leg) {
		return state.results()
			.stream()
			.filter((result) -> result.leg().equals(leg))
			.map((result) -> result.trace().receivedAt())
			.min(Instant::compareTo)
			.orElseThrow();
	}

}
