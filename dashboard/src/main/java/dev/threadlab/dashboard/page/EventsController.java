package dev.threadlab.dashboard.page;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.threadlab.dashboard.live.AppActivity;
import dev.threadlab.dashboard.live.AppSample;
import dev.threadlab.dashboard.live.LiveFeed;
import dev.threadlab.dashboard.load.LoadSession;
import dev.threadlab.dashboard.race.RaceRunner;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's one stream: first what happened lately ({@code hello}), then every poll
 * ({@code sample}, {@code activity}), race update ({@code race}) and load update
 * ({@code load}) as it happens.
 */
@RestController
class EventsController {

	private static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private final LiveFeed feed;

	private final RaceRunner races;

	private final LoadSession load;

	private final Shutdown shutdown;

	EventsController(LiveFeed feed, RaceRunner races, LoadSession load, Shutdown shutdown) {
		this.feed = feed;
		this.races = races;
		this.load = load;
		this.shutdown = shutdown;
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> events() {
		Flux<ServerSentEvent<Object>> live = this.feed.events()
			.map((event) -> event(
					(event instanceof AppSample) ? "sample" : (event instanceof AppActivity) ? "activity" : "other",
					event));
		Flux<ServerSentEvent<Object>> races = this.races.updates().map((update) -> event("race", update));
		Flux<ServerSentEvent<Object>> load = this.load.updates().map((update) -> event("load", update));
		// A comment now and then, so a closed browser is noticed and proxies keep the
		// line open.
		Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(HEARTBEAT)
			.map((tick) -> ServerSentEvent.builder().comment("heartbeat").build());
		return this.shutdown
			.untilStopped(Flux.concat(Mono.fromSupplier(this::hello), Flux.merge(live, races, load, heartbeat))
				// A browser that cannot keep up loses old updates, never the server's
				// memory.
				.onBackpressureBuffer(2_000, BufferOverflowStrategy.DROP_OLDEST));
	}

	private ServerSentEvent<Object> hello() {
		Map<String, Object> hello = new LinkedHashMap<>();
		hello.put("apps", this.feed.apps());
		hello.put("recent", this.feed.recent());
		hello.put("race", this.races.current());
		hello.put("load", this.load.current());
		return event("hello", hello);
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

}
