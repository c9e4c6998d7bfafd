package dev.threadlab.dashboard.lab;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Counts the pollers' ticks at each app, so that "a few a second, however many browsers"
 * can be checked rather than believed. A tick asks for the threads once, and for the
 * costs, the loops and the activity beside them; only the threads are counted, so the
 * count is ticks whatever else a tick asks for.
 */
public class PollCounter {

	/** What every tick asks for exactly once. */
	private static final String TICK_PATH = "/api/threads";

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	ExchangeFilterFunction filter() {
		return (request, next) -> {
			if (TICK_PATH.equals(request.url().getPath())) {
				this.counts.computeIfAbsent(authority(request.url()), (key) -> new AtomicLong()).incrementAndGet();
			}
			return next.exchange(request);
		};
	}

	/**
	 * The ticks so far at an app.
	 * @param app the app
	 * @return how many times it has been polled
	 */
	public long count(LabApp app) {
		AtomicLong count = this.counts.get(authority(app.url()));
		return (count != null) ? count.get() : 0;
	}

	private static String authority(URI url) {
		return url.getHost() + ":" + url.getPort();
	}

}
