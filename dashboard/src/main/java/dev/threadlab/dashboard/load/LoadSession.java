package dev.threadlab.dashboard.load;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * The load panel's runs: one plan on each chosen app in turn, never two apps at once, and
 * only on the configured apps.
 */
@Component
public class LoadSession {

	private final LoadEngine engine;

	private final List<LabApp> apps;

	private final Sinks.Many<LoadUpdate> updates = Sinks.many().multicast().directBestEffort();

	private @Nullable LoadState state;

	LoadSession(LoadEngine engine, List<LabApp> apps) {
		this.engine = engine;
		this.apps = apps;
	}

	/**
	 * Starts a run unless one is under way.
	 * @param form what to send, and to which apps
	 * @return the run
	 * @throws LoadBusyException when a run is under way
	 * @throws IllegalArgumentException when the form is out of bounds or names an app
	 * that is not configured
	 */
	public synchronized LoadState start(LoadForm form) {
		LoadPlan plan = form.plan();
		List<LabApp> targets = targets(form.apps());
		if ((this.state != null && this.state.running()) || this.engine.busy()) {
			throw new LoadBusyException();
		}
		List<String> names = targets.stream().map(LabApp::name).toList();
		update(new LoadState(UUID.randomUUID().toString().substring(0, 8), plan, names, true, names.get(0), List.of(),
				null));
		Flux.fromIterable(targets).concatMap((app) -> {
			changeCurrent(app.name());
			return this.engine.run(plan, app, null).doOnNext(this::addResult);
		}).then().doOnSuccess((done) -> finish(null)).onErrorResume((ex) -> {
			finish(ex.getMessage());
			return Mono.empty();
		}).subscribe();
		return this.state;
	}

	/**
	 * The run under way, or the last one.
	 * @return its state, or {@code null} before the first
	 */
	public synchronized @Nullable LoadState current() {
		return this.state;
	}

	/**
	 * The panel's runs as they go, from now on.
	 * @return a hot stream that never completes
	 */
	public Flux<LoadUpdate> updates() {
		return Flux.merge(this.updates.asFlux(),
				this.engine.progress().map((progress) -> new LoadUpdate("progress", null, progress)));
	}

	private List<LabApp> targets(@Nullable List<String> names) {
		if (names == null || names.isEmpty()) {
			return this.apps;
		}
		List<LabApp> targets = new ArrayList<>();
		for (String name : names) {
			targets.add(this.apps.stream()
				.filter((app) -> app.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("apps: '" + name + "' is not a configured app")));
		}
		return targets;
	}

	private synchronized void changeCurrent(String app) {
		LoadState s = this.state;
		if (s != null) {
			update(new LoadState(s.id(), s.plan(), s.apps(), true, app, s.results(), null));
		}
	}

	private synchronized void addResult(LoadResult result) {
		LoadState s = this.state;
		if (s != null) {
			List<LoadResult> results = new ArrayList<>(s.results());
			results.add(result);
			update(new LoadState(s.id(), s.plan(), s.apps(), true, s.current(), List.copyOf(results), null));
		}
	}

	private synchronized void finish(@Nullable String error) {
		LoadState s = this.state;
		if (s != null) {
			update(new LoadState(s.id(), s.plan(), s.apps(), false, null, s.results(), error));
		}
	}

	private void update(LoadState next) {
		this.state = next;
		synchronized (this.updates) {
			this.updates.tryEmitNext(new LoadUpdate("state", next, null));
		}
	}

}
