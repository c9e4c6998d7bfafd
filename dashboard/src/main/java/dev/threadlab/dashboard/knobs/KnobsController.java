package dev.threadlab.dashboard.knobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/knobs}: where each app's Tomcat thread knob stands, and turning it. The
 * apps answer their knobs only to loopback callers; the dashboard, on the same machine,
 * passes the page's choice on and relays the app's answer, problems included. Its own
 * caller is checked first, by {@code access.AccessGuard}: the relay turns a knob only for
 * the dashboard's page on this machine, never for a visitor, or the apps' check would be
 * worth nothing.
 */
@RestController
class KnobsController {

	private static final Duration TIMEOUT = TomcatKnob.TIMEOUT;

	private final List<LabApp> apps;

	private final WebClient client;

	KnobsController(List<LabApp> apps, LabClients clients) {
		this.apps = apps;
		this.client = clients.race();
	}

	@GetMapping("/api/knobs")
	Mono<List<KnobState>> knobs() {
		return Flux.fromIterable(this.apps).concatMap(this::state).collectList();
	}

	@PutMapping("/api/knobs/{app}/tomcat-threads")
	Mono<ResponseEntity<String>> tomcatThreads(@PathVariable String app, @RequestParam int max) {
		LabApp target = find(app).orElseThrow(
				() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no app called '" + app + "' in lab.apps"));
		if (!TomcatKnob.resizable(target)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					app + " runs " + target.model() + ": it has no Tomcat request pool to resize");
		}
		return this.client.put()
			.uri(target.resolve(TomcatKnob.setPath(max)))
			// The app's status, type and body, problems included; none of its other
			// headers.
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> ResponseEntity.status(response.statusCode())
					.contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
					.body(body)))
			.timeout(TIMEOUT)
			.onErrorMap((ex) -> !(ex instanceof ResponseStatusException), (ex) -> unreachable(target, ex));
	}

	private Mono<KnobState> state(LabApp app) {
		if (!TomcatKnob.resizable(app)) {
			return Mono.just(new KnobState(app.name(), KnobState.NONE, null, "no Tomcat thread pool to resize"));
		}
		return this.client.get().uri(app.resolve(TomcatKnob.PATH)).exchangeToMono((response) -> {
			if (response.statusCode().value() == 404) {
				return response.releaseBody()
					.thenReturn(new KnobState(app.name(), KnobState.OFF, null,
							"knobs off: start it with --lab.knobs.enabled=true (run.sh does)"));
			}
			if (!response.statusCode().is2xxSuccessful()) {
				return response.releaseBody()
					.thenReturn(new KnobState(app.name(), KnobState.UNKNOWN, null,
							"the knob answered " + response.statusCode().value()));
			}
			return response.bodyToMono(TomcatKnob.Knobs.class).map((knobs) -> of(app, knobs));
		})
			.timeout(TIMEOUT)
			.onErrorResume((ex) -> Mono.just(new KnobState(app.name(), KnobState.UNKNOWN, null, "did not answer")));
	}

	private static KnobState of(LabApp app, TomcatKnob.Knobs knobs) {
		return (knobs.tomcatMaxThreads() != null)
				? new KnobState(app.name(), KnobState.ON, knobs.tomcatMaxThreads(),
						knobs.tomcatMaxThreads() + " Tomcat threads")
				: new KnobState(app.name(), KnobState.NONE, null, "no Tomcat thread pool to resize");
	}

	private Optional<LabApp> find(String name) {
		return this.apps.stream().filter((app) -> app.name().equals(name)).findFirst();
	}

	private static ResponseStatusException unreachable(LabApp app, Throwable ex) {
		boolean late = ex instanceof TimeoutException;
		HttpStatus status = late ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.BAD_GATEWAY;
		String detail = late
				? app.name() + " did not answer within " + TIMEOUT.toSeconds()
						+ " s: every request thread is busy; try again when its requests are done"
				: app.name() + " could not be reached";
		ResponseStatusException problem = new ResponseStatusException(status, detail, ex);
		problem.setDetail(detail);
		return problem;
	}

}
