package dev.threadlab.dashboard.race;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.shared.contract.CounterSnapshot;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The shared counter race: every app's counter is set to 0, many requests increment it
 * unsafely at once, and then each counter is read, to show expected against counted. The
 * race itself is an ordinary one; this class owns what happens around it.
 */
final class SharedCounterRace {

	/** The increments each request makes. */
	static final int INCREMENTS = 1000;

	/**
	 * 200 requests at once: as many as Tomcat has threads, and enough that every event
	 * loop gets several.
	 */
	static final RacePlan PLAN = new RacePlan("shared-counter",
			List.of(RaceGroup.posts("inc", 200, "/api/lab/counter?n=" + INCREMENTS + "&mode=unsafe")), 200);

	private static final String COUNTER = "/api/lab/counter";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WebClient client;

	private final List<LabApp> apps;

	private SharedCounterRace(WebClient client, List<LabApp> apps) {
		this.client = client;
		this.apps = apps;
	}

	/**
	 * What to do around a race, if it is the counter's.
	 * @param plan the race
	 * @param client the race's client
	 * @param apps the apps it runs on
	 * @return the counter's part, or {@code null} for any other race
	 */
	static @Nullable SharedCounterRace of(RacePlan plan, WebClient client, List<LabApp> apps) {
		return PLAN.id().equals(plan.id()) ? new SharedCounterRace(client, apps) : null;
	}

	/**
	 * Sets every app's counter to 0; an app that does not answer is left as it is (its
	 * requests will fail in the race).
	 * @return done when every app answered or gave up
	 */
	Mono<Void> reset() {
		return Flux.fromIterable(this.apps)
			.flatMap((app) -> this.client.delete()
				.uri(app.resolve(COUNTER))
				.retrieve()
				.toBodilessEntity()
				.timeout(TIMEOUT)
				.onErrorResume((ex) -> Mono.empty()))
			.then();
	}

	/**
	 * Reads every app's counter.
	 * @return each app's value; an app that did not answer is missing
	 */
	Mono<Map<String, Long>> read() {
		return Flux.fromIterable(this.apps)
			.flatMap((app) -> this.client.get()
				.uri(app.resolve(COUNTER))
				.retrieve()
				.bodyToMono(CounterSnapshot.class)
				.timeout(TIMEOUT)
				.map((snapshot) -> Tuples.of(app.name(), snapshot.value()))
				.onErrorResume((ex) -> Mono.empty()))
			.collectMap((entry) -> entry.getT1(), (entry) -> entry.getT2());
	}

	/**
	 * A summary with what its app's counter counted, in the counter's race.
	 * @param summary the app's summary
	 * @param plan the race
	 * @param counted what the counter held after it, or {@code null} when unread
	 * @return the summary, with the count when there is one
	 */
	static RaceSummary withCount(RaceSummary summary, RacePlan plan, @Nullable Long counted) {
		if (counted == null || !PLAN.id().equals(plan.id())) {
			return summary;
		}
		return summary.with(new RaceSummary.Counted((long) summary.answered() * INCREMENTS, counted));
	}

}
