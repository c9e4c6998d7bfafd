package dev.threadlab.dashboard.live;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.shared.contract.ActivityEntry;
import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.contract.ThreadSnapshot;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Polls one app: its threads, costs and loops every tick, and the requests it finished
 * since the last tick while it is up. Ticks that come while a poll is still running are
 * dropped, so a slow app is never asked twice at once.
 */
final class AppPoller {

	/** The most activity entries asked for in one poll. */
	static final int PAGE = 2_000;

	/**
	 * The most pages read at once, when catching up with an app seen for the first time.
	 */
	private static final int CATCH_UP_PAGES = 5;

	private final LabApp app;

	private final WebClient client;

	private final WebClient loopsClient;

	private final Duration interval;

	private final Duration timeout;

	/**
	 * The activity sequence read up to; negative until the first read. Polls are serial.
	 */
	private long after = -1;

	AppPoller(LabApp app, WebClient client, Duration interval, Duration timeout) {
		this(app, client, client, interval, timeout);
	}

	/**
	 * A poller that reads {@code /api/loops} with a client of its own.
	 * @param app the app
	 * @param client reads threads, costs and activity
	 * @param loopsClient reads the loops, on a new connection each time
	 * @param interval the time between ticks
	 * @param timeout how long a poll may take before the app counts as stalled
	 */
	AppPoller(LabApp app, WebClient client, WebClient loopsClient, Duration interval, Duration timeout) {
		this.app = app;
		this.client = client;
		this.loopsClient = loopsClient;
		this.interval = interval;
		this.timeout = timeout;
	}

	LabApp app() {
		return this.app;
	}

	/**
	 * Polls from now on, a sample per tick and activity when there is some.
	 * @return a cold stream of {@link AppSample} and {@link AppActivity}
	 */
	Flux<Object> events() {
		return Flux.interval(Duration.ZERO, this.interval).onBackpressureDrop().concatMap((tick) -> pollOnce(), 1);
	}

	/**
	 * One poll: the threads, then the activity if the app answered.
	 * @return the sample, then the activity when there is any
	 */
	Flux<Object> pollOnce() {
		return threads().flatMapMany((sample) -> sample.isUp()
				? Flux.concat(Mono.just(sample), activity().onErrorResume((ex) -> Mono.empty())) : Flux.just(sample));
	}

	/**
	 * The threads, with the costs and loops asked for at the same time. Only the threads
	 * decide whether the app is up: an app without {@code /api/costs} or
	 * {@code /api/loops} (an older build), or one whose answer to them came late, is up
	 * with those left out. The loops are kept when the threads did not answer: an event
	 * loop held by a sleep stalls the poll whose connection it serves, and the lanes
	 * should show that loop held rather than go blank.
	 */
	private Mono<AppSample> threads() {
		Mono<Object> threads = this.client.get()
			.uri(this.app.resolve("/api/threads"))
			.retrieve()
			.bodyToMono(ThreadSnapshot.class)
			.timeout(this.timeout)
			.cast(Object.class)
			.onErrorResume(Mono::just);
		return Mono.zip(threads, optional("/api/costs"), loops()).map((read) -> {
			JsonNode loops = read.getT3().orElse(null);
			if (read.getT1() instanceof ThreadSnapshot snapshot) {
				return new AppSample(this.app.name(), AppSample.UP, snapshot, read.getT2().orElse(null), loops, null,
						Instant.now());
			}
			return failed((Throwable) read.getT1(), loops);
		});
	}

	/**
	 * The loops, asked on a new connection, and again on others while no answer comes. A
	 * connection belongs to one event loop for life, so a poll on a kept-alive connection
	 * whose loop is held waits as long as the hold; a new connection is handed to the
	 * next loop. The next loop may be held too, so new connections follow every quarter
	 * of the poll's time until one answers. One of the loops also accepts the
	 * connections, and while a sleep holds that one no new connection is taken up at all:
	 * so the question also goes, in turns, on the polling client's kept connections,
	 * which earlier ticks opened on different loops. The first answer wins and the others
	 * are dropped. Only when every loop is held, or every loop these connections are on,
	 * does nothing answer; the lanes then say so.
	 */
	private Mono<Optional<JsonNode>> loops() {
		Duration step = this.timeout.dividedBy(6);
		// New and kept connections take turns: each kept attempt leases another idle
		// connection when the one before still waits on a held loop, and the pool's
		// connections were opened one after another, so they sit on different loops.
		List<Mono<JsonNode>> attempts = List.of(loops(this.loopsClient), loops(this.client).delaySubscription(step),
				loops(this.loopsClient).delaySubscription(step.multipliedBy(2)),
				loops(this.client).delaySubscription(step.multipliedBy(3)),
				loops(this.loopsClient).delaySubscription(step.multipliedBy(4)),
				loops(this.client).delaySubscription(step.multipliedBy(5)));
		return Mono.firstWithValue(attempts)
			.timeout(this.timeout)
			.map(Optional::of)
			.onErrorResume((ex) -> Mono.just(Optional.empty()));
	}

	private Mono<JsonNode> loops(WebClient client) {
		return client.get().uri(this.app.resolve("/api/loops")).retrieve().bodyToMono(JsonNode.class);
	}

	private Mono<Optional<JsonNode>> optional(String path) {
		return this.client.get()
			.uri(this.app.resolve(path))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.timeout(this.timeout)
			.map(Optional::of)
			.onErrorResume((ex) -> Mono.just(Optional.empty()));
	}

	private AppSample failed(Throwable ex, @Nullable JsonNode loops) {
		if (ex instanceof TimeoutException) {
			return new AppSample(this.app.name(), AppSample.STALLED, null, null, loops,
					"no answer within " + this.timeout.toMillis() + " ms", Instant.now());
		}
		String problem;
		if (ex instanceof WebClientRequestException && ex.getCause() instanceof ConnectException) {
			problem = "connection refused";
		}
		else if (ex instanceof WebClientResponseException response) {
			problem = "answered " + response.getStatusCode().value();
		}
		else {
			problem = ex.getClass().getSimpleName();
		}
		return new AppSample(this.app.name(), AppSample.DOWN, null, problem, Instant.now());
	}

	private Mono<AppActivity> activity() {
		long from = Math.max(this.after, 0);
		int pages = (this.after < 0) ? CATCH_UP_PAGES : 1;
		return page(from).expand((page) -> (page.items().size() >= PAGE) ? page(page.next()) : Mono.empty())
			.take(pages)
			.collectList()
			.flatMap((read) -> {
				boolean reset = this.after > 0 && read.get(0).next() < this.after;
				this.after = read.get(read.size() - 1).next();
				List<ActivityEntry> items = new ArrayList<>();
				read.forEach((page) -> items.addAll(page.items()));
				if (items.size() > PAGE) {
					items.subList(0, items.size() - PAGE).clear();
				}
				return (items.isEmpty() && !reset) ? Mono.empty()
						: Mono.just(new AppActivity(this.app.name(), items, reset));
			});
	}

	private Mono<ActivityPage> page(long from) {
		return this.client.get()
			.uri(this.app.resolve("/api/activity?after=" + from + "&limit=" + PAGE))
			.retrieve()
			.bodyToMono(ActivityPage.class)
			.timeout(this.timeout);
	}

}
