package dev.threadlab.dashboard.race;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.threadlab.dashboard.bench.CostProbe;
import dev.threadlab.dashboard.bench.RunCosts;
import dev.threadlab.dashboard.knobs.TomcatKnob;
import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabClients;
import dev.threadlab.shared.contract.Trace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Runs races, one at a time: sends a plan's requests to every app from the same starting
 * moment (or, for work that needs the cores, to one app after the other), without
 * blocking a thread per request, and times each from the client's side.
 */
@Component
public class RaceRunner {

	/**
	 * Time to set up every request before the starting gun, so all apps start together.
	 */
	private static final Duration LEAD = Duration.ofMillis(100);

	/** Longer than the longest delay a request may ask for, plus a queue. */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(90);

	private final WebClient client;

	private final AtomicReference<@Nullable Race> current = new AtomicReference<>();

	private final Sinks.Many<RaceUpdate> updates = Sinks.many().multicast().directBestEffort();

	RaceRunner(LabClients clients) {
		this.client = clients.race();
	}

	/**
	 * Starts a race unless one is running.
	 * @param plan what to send
	 * @param apps where to send it
	 * @return the race
	 * @throws RaceBusyException when a race is running
	 */
	public RaceInfo start(RacePlan plan, List<LabApp> apps) {
		Map<String, String> curl = new LinkedHashMap<>();
		apps.forEach((app) -> curl.put(app.name(), CurlCommands.of(plan, app)));
		RaceInfo info = new RaceInfo(UUID.randomUUID().toString().substring(0, 8), plan,
				apps.stream().map(LabApp::name).toList(), Instant.now(), curl, RaceLeg.of(plan, apps));
		Race race = new Race(info);
		Race previous = this.current.get();
		if ((previous != null && previous.running) || !this.current.compareAndSet(previous, race)) {
			throw new RaceBusyException();
		}
		emit(new RaceUpdate("started", info.id(), info, List.of(), List.of(), Map.of()));
		Map<String, LabApp> byName = new LinkedHashMap<>();
		apps.forEach((app) -> byName.put(app.name(), app));
		List<LegRun> legs = info.legs().stream().map((leg) -> new LegRun(race, leg, byName.get(leg.app()))).toList();
		run(plan, legs, race, apps).subscribe();
		return info;
	}

	private Mono<Void> run(RacePlan plan, List<LegRun> legs, Race race, List<LabApp> apps) {
		// Each leg's costs are read right before its first request and well after its
		// last answer, and polled in between for the peaks. The probes block (one small
		// read each), so they start and finish on boundedElastic, never on an event loop.
		// A race one app at a time reads each leg's around the leg itself.
		Mono<List<LegProbe>> probes = plan.oneAppAtATime() ? Mono.just(List.of())
				: Mono.fromCallable(() -> legs.stream().map(LegRun::startProbe).toList())
					.subscribeOn(Schedulers.boundedElastic());
		return probes.flatMap((started) -> run(plan, legs, race, apps, started));
	}

	private Mono<Void> run(RacePlan plan, List<LegRun> legs, Race race, List<LabApp> apps, List<LegProbe> probes) {
		String id = race.info.id();
		SharedCounterRace counter = SharedCounterRace.of(plan, this.client, apps);
		Flux<RaceResult> fired = Flux.defer(() -> {
			if (plan.oneAppAtATime()) {
				// Each leg starts its own clock once the one before it has every answer
				// in and its costs read, so that no two legs share the cores, and a
				// round's costs are its own even on the app the next round runs on.
				return Flux.concat(legs.stream().map(LegRun::runAlone).toList());
			}
			long zero = System.nanoTime() + LEAD.toNanos();
			return Flux.merge(legs.stream().map((leg) -> leg.fire(zero)).toList());
		});
		// A race with rounds turns the Tomcat knob; whatever happens, it turns it back.
		Flux<RaceResult> turned = Flux.usingWhen(knobsBefore(plan, apps), (before) -> fired, this::restore);
		// Every counter starts at 0, so that what it reads after the race is what the
		// race counted.
		Flux<RaceResult> all = (counter != null) ? counter.reset().thenMany(turned) : turned;
		Mono<Map<String, Long>> counted = (counter != null)
				? counter.read().onErrorReturn(Map.of()).defaultIfEmpty(Map.of()) : Mono.just(Map.of());
		return all.bufferTimeout(500, Duration.ofMillis(250)).doOnNext((batch) -> {
			race.add(batch);
			emit(new RaceUpdate("results", id, null, batch, List.of(), Map.of()));
		}).then().onErrorResume((ex) -> Mono.empty()).then(counted).doOnNext((counters) -> {
			// A request's failure is one of the results; nothing else may leave a race
			// running for ever.
			List<RaceSummary> summaries = race.finish(counters);
			emit(new RaceUpdate("finished", id, null, List.of(), summaries, Map.of()));
		}).then(readCosts(race, probes));
	}

	/**
	 * Reads the costs of legs that ran together, side by side: each last read waits out
	 * one pass of its app, and they wait together, in the legs' order.
	 */
	private Mono<Void> readCosts(Race race, List<LegProbe> probes) {
		if (probes.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(probes)
			.flatMapSequential((probe) -> probe.finish().map((costs) -> Map.entry(probe.leg.key(), costs)))
			.collectList()
			.doOnNext((costs) -> costs(race, costs))
			.then();
	}

	/**
	 * Adds legs' costs to the race, and tells the browsers every leg's costs so far.
	 */
	private void costs(Race race, List<Map.Entry<String, RunCosts>> costs) {
		emit(new RaceUpdate("costs", race.info.id(), null, List.of(), List.of(), race.costs(costs)));
	}

	/**
	 * Where the Tomcat knob of every app the race's rounds turn stands before the race.
	 */
	private Mono<Map<LabApp, Integer>> knobsBefore(RacePlan plan, List<LabApp> apps) {
		if (plan.tomcatThreads().isEmpty()) {
			return Mono.just(Map.of());
		}
		return Flux.fromIterable(apps)
			.filter(TomcatKnob::resizable)
			.flatMap((app) -> TomcatKnob.read(this.client, app)
				.map((threads) -> Map.entry(app, threads))
				.onErrorResume((ex) -> Mono.empty()))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Void> restore(Map<LabApp, Integer> before) {
		return Flux.fromIterable(before.entrySet())
			.flatMap((knob) -> TomcatKnob.set(this.client, knob.getKey(), knob.getValue())
				.onErrorResume((ex) -> Mono.empty()))
			.then();
	}

	/**
	 * The running race, or the last one.
	 * @return its state, or {@code null} before the first race
	 */
	public @Nullable RaceState current() {
		Race race = this.current.get();
		return (race != null) ? race.state() : null;
	}

	/**
	 * Updates of the races from now on.
	 * @return a hot stream that never completes
	 */
	public Flux<RaceUpdate> updates() {
		return this.updates.asFlux();
	}

	private void emit(RaceUpdate update) {
		// Several threads finish batches; the sink wants one at a time.
		synchronized (this.updates) {
			this.updates.tryEmitNext(update);
		}
	}

	/**
	 * A leg's cost probe, started.
	 *
	 * @param leg the leg
	 * @param probe the probe
	 */
	private record LegProbe(RaceLeg leg, CostProbe probe) {

		/**
		 * The leg's costs: the last read waits out one pass of its app, on
		 * boundedElastic.
		 */
		Mono<RunCosts> finish() {
			return Mono.fromCallable(this.probe::finish).subscribeOn(Schedulers.boundedElastic());
		}

	}

	/**
	 * One leg of a race: an app's share, on its Tomcat thread count for a round.
	 */
	private final class LegRun {

		private final Race race;

		private final RaceLeg leg;

		private final LabApp app;

		private final RacePlan plan;

		LegRun(Race race, RaceLeg leg, LabApp app) {
			this.race = race;
			this.leg = leg;
			this.app = app;
			this.plan = race.info.plan();
		}

		LegProbe startProbe() {
			return new LegProbe(this.leg, CostProbe.start(this.app.url()));
		}

		/**
		 * The leg alone: its knob turned, its costs read around it.
		 */
		Flux<RaceResult> runAlone() {
			return turnKnob().flatMapMany((refused) -> {
				if (refused.isPresent()) {
					return notSent(refused.get());
				}
				return Mono.fromCallable(this::startProbe)
					.subscribeOn(Schedulers.boundedElastic())
					.flatMapMany((probe) -> Flux.defer(() -> fire(System.nanoTime() + LEAD.toNanos()))
						.concatWith(probe.finish()
							.doOnNext((costs) -> costs(this.race, List.of(Map.entry(this.leg.key(), costs))))
							.then(Mono.empty())));
			});
		}

		/**
		 * Turns the app's Tomcat threads to the leg's count, if it has one.
		 * @return why it could not, or nothing when the leg may run
		 */
		private Mono<Optional<String>> turnKnob() {
			Integer threads = this.leg.tomcatThreads();
			if (threads == null) {
				return Mono.just(Optional.empty());
			}
			return TomcatKnob.set(RaceRunner.this.client, this.app, threads)
				.map((now) -> now.equals(threads) ? Optional.<String>empty() : Optional.of("the knob stands at " + now))
				.onErrorResume((ex) -> Mono.just(Optional.of(refusal(ex))));
		}

		/**
		 * A round that could not be run on its thread count sends nothing: every request
		 * is a failure that says why, rather than a result on the wrong thread count.
		 */
		private Flux<RaceResult> notSent(String why) {
			String error = "not sent: Tomcat's threads could not be turned to " + this.leg.tomcatThreads() + " (" + why
					+ ")";
			return Flux.fromIterable(this.plan.requests())
				.map((request) -> RaceResult.failed(this.leg, request, 0, 0, error));
		}

		Flux<RaceResult> fire(long zero) {
			// Each app's requests are set up on their own timer thread, so that no app's
			// requests go out after another's just because they were set up later.
			return Mono.delay(LEAD)
				.thenMany(Flux.fromIterable(this.plan.requests())
					.flatMap((request) -> send(request, zero), this.plan.concurrency()));
		}

		private Mono<RaceResult> send(RacePlan.PlannedRequest request, long zero) {
			long due = zero + Duration.ofMillis(request.offsetMs()).toNanos() - System.nanoTime();
			Mono<Long> wait = (due > 1_000_000) ? Mono.delay(Duration.ofNanos(due)) : Mono.just(0L);
			return wait.then(Mono.defer(() -> {
				long sent = System.nanoTime();
				double sentMs = (sent - zero) / 1e6;
				return RaceRunner.this.client.method(HttpMethod.valueOf(request.method()))
					.uri(this.app.resolve(request.path()))
					.header("X-Request-Id", "race-" + request.index() + "-" + request.label())
					.exchangeToMono((response) -> response.bodyToMono(TracedBody.class)
						.map((body) -> RaceResult.answered(this.leg, request, sentMs, sinceMs(sent),
								response.statusCode().value(), body.trace()))
						.defaultIfEmpty(RaceResult.answered(this.leg, request, sentMs, sinceMs(sent),
								response.statusCode().value(), null)))
					.timeout(REQUEST_TIMEOUT)
					.onErrorResume((ex) -> Mono.just(RaceResult.failed(this.leg, request, sentMs, sinceMs(sent),
							(ex instanceof TimeoutException) ? "no answer" : describe(ex))));
			}));
		}

	}

	private static String refusal(Throwable ex) {
		if (ex instanceof WebClientResponseException response) {
			return (response.getStatusCode().value() == 404)
					? "its knobs are off: start it with --lab.knobs.enabled=true, as run.sh does"
					: "the knob answered " + response.getStatusCode().value();
		}
		return (ex instanceof TimeoutException) ? "the knob did not answer" : describe(ex);
	}

	private static double sinceMs(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e6;
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/**
	 * The part of every traced answer the dashboard reads.
	 *
	 * @param trace the server's trace
	 */
	record TracedBody(@Nullable Trace trace) {
	}

	/**
	 * A race's results as they come in.
	 */
	private static final class Race {

		private final RaceInfo info;

		private final List<RaceResult> results = new ArrayList<>();

		private List<RaceSummary> summaries = List.of();

		private Map<String, RunCosts> costs = Map.of();

		private volatile boolean running = true;

		Race(RaceInfo info) {
			this.info = info;
		}

		synchronized void add(List<RaceResult> batch) {
			this.results.addAll(batch);
		}

		synchronized List<RaceSummary> finish(Map<String, Long> counters) {
			this.summaries = this.info.legs()
				.stream()
				.map((leg) -> SharedCounterRace.withCount(RaceSummary.of(leg, this.results), this.info.plan(),
						counters.get(leg.app())))
				.toList();
			this.running = false;
			return this.summaries;
		}

		/**
		 * Adds legs' costs.
		 * @return every leg's costs so far, in the order they came
		 */
		synchronized Map<String, RunCosts> costs(List<Map.Entry<String, RunCosts>> legs) {
			Map<String, RunCosts> all = new LinkedHashMap<>(this.costs);
			legs.forEach((leg) -> all.put(leg.getKey(), leg.getValue()));
			this.costs = Collections.unmodifiableMap(all);
			return this.costs;
		}

		synchronized RaceState state() {
			return new RaceState(this.info, this.running, List.copyOf(this.results), this.summaries, this.costs);
		}

	}

}
