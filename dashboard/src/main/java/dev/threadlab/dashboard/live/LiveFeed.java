package dev.threadlab.dashboard.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabClients;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.shared.contract.ActivityEntry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.stereotype.Component;

/**
 * The one poller per app that every browser shares, and what it saw lately, so that a
 * browser that opens the page gets the last minute at once.
 */
@Component
public class LiveFeed {

	/** How far back the thread charts go. */
	static final Duration HISTORY = Duration.ofSeconds(60);

	/** How many finished requests per app a new browser is sent. */
	static final int RECENT_ACTIVITY = 1_000;

	/**
	 * How long polling goes on after the last browser left, so a reload does not restart
	 * it.
	 */
	private static final Duration GRACE = Duration.ofSeconds(10);

	private final List<LabApp> apps;

	private final Map<String, Deque<AppSample>> samples = new LinkedHashMap<>();

	private final Map<String, Deque<ActivityEntry>> activity = new LinkedHashMap<>();

	private final Flux<Object> events;

	LiveFeed(List<LabApp> apps, LabClients clients, LabProperties properties) {
		this.apps = apps;
		apps.forEach((app) -> {
			this.samples.put(app.name(), new ArrayDeque<>());
			this.activity.put(app.name(), new ArrayDeque<>());
		});
		List<Flux<Object>> polls = apps.stream()
			.map((app) -> new AppPoller(app, clients.poll(), clients.loops(), properties.pollInterval(),
					properties.pollTimeout())
				.events())
			.toList();
		this.events = Flux.merge(polls).doOnNext(this::remember).publish().refCount(1, GRACE);
	}

	/**
	 * The apps being watched.
	 * @return the configured apps, in order
	 */
	public List<LabApp> apps() {
		return this.apps;
	}

	/**
	 * Samples and activity from now on, shared by every subscriber: the apps are polled
	 * while anyone listens, and as often however many listen.
	 * @return a hot stream of {@link AppSample} and {@link AppActivity}
	 */
	public Flux<Object> events() {
		return this.events;
	}

	/**
	 * What a browser needs to draw the page before the next poll.
	 * @return per app, the last minute of samples and the last finished requests
	 */
	public synchronized Recent recent() {
		Map<String, List<AppSample>> recentSamples = new LinkedHashMap<>();
		Map<String, List<ActivityEntry>> recentActivity = new LinkedHashMap<>();
		this.samples.forEach((app, deque) -> recentSamples.put(app, List.copyOf(deque)));
		this.activity.forEach((app, deque) -> recentActivity.put(app, List.copyOf(deque)));
		return new Recent(recentSamples, recentActivity);
	}

	/**
	 * The app's last known status.
	 * @param app the app's name
	 * @return {@code up}, {@code stalled}, {@code down}, or {@code null} when not polled
	 * yet
	 */
	public synchronized @Nullable String status(String app) {
		Deque<AppSample> deque = this.samples.get(app);
		AppSample last = (deque != null) ? deque.peekLast() : null;
		return (last != null && last.at().isAfter(Instant.now().minus(HISTORY))) ? last.status() : null;
	}

	private synchronized void remember(Object event) {
		if (event instanceof AppSample sample) {
			Deque<AppSample> deque = this.samples.get(sample.app());
			deque.addLast(sample);
			Instant horizon = sample.at().minus(HISTORY);
			while (!deque.isEmpty() && deque.peekFirst().at().isBefore(horizon)) {
				deque.removeFirst();
			}
		}
		else if (event instanceof AppActivity recent) {
			Deque<ActivityEntry> deque = this.activity.get(recent.app());
			if (recent.reset()) {
				deque.clear();
			}
			recent.items().forEach(deque::addLast);
			while (deque.size() > RECENT_ACTIVITY) {
				deque.removeFirst();
			}
		}
	}

	/**
	 * What the apps did lately.
	 *
	 * @param samples per app, the samples of the last minute, oldest first
	 * @param activity per app, the last finished requests, oldest first
	 */
	public record Recent(Map<String, List<AppSample>> samples, Map<String, List<ActivityEntry>> activity) {
	}

}
