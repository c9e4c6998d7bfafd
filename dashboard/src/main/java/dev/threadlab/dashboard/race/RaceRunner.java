package dev.threadlab.dashboard.race;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.threadlab.dashboard.bench.CostProbe;
import dev.threadlab.dashboard.bench.RunCosts;
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
				apps.stream().map(LabApp::name).toList(), Instant.now(), curl);
		Race race = new Race(info);
		Race previous = this.current.get();
		if ((previous != null && previous.running) || !this.current.compareAndSet(previous, race)) {
			throw new RaceBusyException();
		}
		emit(new RaceUpdate("started", info.id(), info, List.of(), List.of(), Map.of()));
		List<AppShare> perApp = apps.stream().map((app) -> new AppShare(app, plan)).toList();
		// Each app's costs are read right before its first request and well after its
		// last answer, and polled in between for the peaks. The probes block (one small
		// read each), so they start and finish on boundedElastic, never on an event loop.
		Mono.fromCallable(() -> startProbes(apps))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((probes) -> run(plan, perApp, race, apps).then(finishProbes(probes)))
			.subscribe((costs) -> {
				race.costs(costs);
				emit(new RaceUpdate("costs", info.id(), null, List.of(), List.of(), costs));
			});
		return info;
	}

	private Mono<Void> run(RacePlan plan, List<AppShare> perApp, Race race, List<LabApp> apps) {
		String id = race.info.id();
		SharedCounterRace counter = SharedCounterRace.of(plan, this.client, apps);
		Flux<RaceResult> fired = Flux.defer(() -> {
			if (plan.oneAppAtATime()) {
				// Each app starts its own clock once the one before it has every answer
				// in, so no app's requests share the cores with another app's.
				return Flux.concat(perApp.stream()
					.map((share) -> Flux.defer(() -> share.fire(System.nanoTime() + LEAD.toNanos())))
					.toList());
			}
			long zero = System.nanoTime() + LEAD.toNanos();
			return Flux.merge(perApp.stream().map((share) -> share.fire(zero)).toList());
		});
		// Every counter starts at 0, so that what it reads after the race is what the
		// race counted.
		Flux<RaceResult> all = (counter != null) ? counter.reset().thenMany(fired) : fired;
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
		}).then();
	}

	private static Map<String, CostProbe> startProbes(List<LabApp> apps) {
		Map<String, CostProbe> probes = new LinkedHashMap<>();
		apps.forEach((app) -> probes.put(app.name(), CostProbe.start(app.url())));
		return probes;
	}

	private static Mono<Map<String, RunCosts>> finishProbes(Map<String, CostProbe> probes) {
		// Side by side: each last read waits out one pass of its app, and they wait
		// together, in the apps' order.
		return Flux.fromIterable(probes.entrySet())
			.flatMapSequential((entry) -> Mono.fromCallable(() -> Map.entry(entry.getKey(), entry.getValue().finish()))
				.subscribeOn(Schedulers.boundedElastic()))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
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
	 * One app's share of a race.
	 */
	private final class AppShare {

		private final LabApp app;

		private final RacePlan plan;

		AppShare(LabApp app, RacePlan plan) {
			this.app = app;
			this.plan = plan;
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
						.map((body) -> RaceResult.answered(this.app.name(), request, sentMs, sinceMs(sent),
								response.statusCode().value(), body.trace()))
						.defaultIfEmpty(RaceResult.answered(this.app.name(), request, sentMs, sinceMs(sent),
								response.statusCode().value(), null)))
					.timeout(REQUEST_TIMEOUT)
					.onErrorResume((ex) -> Mono.just(RaceResult.failed(this.app.name(), request, sentMs, sinceMs(sent),
							(ex instanceof TimeoutException) ? "no answer" : describe(ex))));
			}));
		}

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
			this.summaries = this.info.apps()
				.stream()
				.map((app) -> SharedCounterRace.withCount(RaceSummary.of(app, this.results), this.info.plan(),
						counters.get(app)))
				.toList();
			this.running = false;
			return this.summaries;
		}

		synchronized void costs(Map<String, RunCosts> costs) {
			this.costs = costs;
		}

		synchronized RaceState state() {
			return new RaceState(this.info, this.running, List.copyOf(this.results), this.summaries, this.costs);
		}

	}

}
