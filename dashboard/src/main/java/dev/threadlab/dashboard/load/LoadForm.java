package dev.threadlab.dashboard.load;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A load run as the panel asks for it; anything left out takes its default.
 *
 * @param apps which apps to load, one after the other; all when empty
 * @param endpoint one of {@link #ENDPOINTS}
 * @param delayMs the delay each request asks for
 * @param model {@code closed} or {@code open}
 * @param concurrency closed: the clients
 * @param rate open: requests a second
 * @param seconds how long each app is loaded and measured, after its warm-up
 * @param warmupSeconds how long each app is loaded before the measurement starts; 0 when
 * left out
 */
public record LoadForm(@Nullable List<String> apps, @Nullable String endpoint, @Nullable Integer delayMs,
		@Nullable String model, @Nullable Integer concurrency, @Nullable Integer rate, @Nullable Integer seconds,
		@Nullable Integer warmupSeconds) {

	/** The endpoints the panel may load: those that wait for {@code delayMs}. */
	public static final List<String> ENDPOINTS = List.of("/api/items/1", "/api/items", "/api/files/sample-4k.txt",
			"/api/sleep");

	/**
	 * The plan this form asks for.
	 * @return the plan
	 * @throws IllegalArgumentException when a value is out of bounds
	 */
	public LoadPlan plan() {
		String path = (this.endpoint != null) ? this.endpoint : ENDPOINTS.get(0);
		if (!ENDPOINTS.contains(path)) {
			throw new IllegalArgumentException("endpoint: one of " + ENDPOINTS + ", not " + path);
		}
		int delay = (this.delayMs != null) ? this.delayMs : 1000;
		Duration duration = Duration.ofSeconds((this.seconds != null) ? this.seconds : 10);
		Duration warmup = Duration.ofSeconds((this.warmupSeconds != null) ? this.warmupSeconds : 0);
		String kind = (this.model != null) ? this.model.toLowerCase(Locale.ROOT) : "closed";
		LoadPlan plan = switch (kind) {
			case "closed" ->
				LoadPlan.closed(path, delay, (this.concurrency != null) ? this.concurrency : 100, duration);
			case "open" -> LoadPlan.open(path, delay, (this.rate != null) ? this.rate : 100, duration);
			default -> throw new IllegalArgumentException("model: closed or open, not " + this.model);
		};
		return plan.withWarmup(warmup);
	}

}
