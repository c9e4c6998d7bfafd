package dev.threadlab.dashboard.lab;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Counts the requests the pollers send to each app, so that "a few a second, however many
 * browsers" can be checked rather than believed.
 */
public class PollCounter {

	private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

	ExchangeFilterFunction filter() {
		return (request, next) -> {
			this.counts.computeIfAbsent(authority(request.url()), (key) -> new AtomicLong()).incrementAndGet();
			return next.exchange(request);
		};
	}

	/**
	 * The requests sent so far to an app.
	 * @param app the app
	 * @return how many polls it has been sent
	 */
	public long count(LabApp app) {
		AtomicLong count = this.counts.get(authority(app.url()));
		return (count != null) ? count.get() : 0;
	}

	private static String authority(URI url) {
		return url.getHost() + ":" + url.getPort();
	}

}
