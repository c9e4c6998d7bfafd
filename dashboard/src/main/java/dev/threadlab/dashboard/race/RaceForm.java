package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.threadlab.shared.limits.Limits;
import org.jspecify.annotations.Nullable;

/**
 * What the browser may ask for: a preset by id, or one endpoint with its parameters. It
 * never names a URL; paths are built here from fixed templates.
 *
 * @param preset a preset's id; the other fields are then ignored
 * @param endpoint one of {@link #ENDPOINTS}' keys
 * @param delayMs the delay, for the endpoints that have one
 * @param iterations the rounds of {@code /api/cpu}
 * @param requests how many requests each app gets
 * @param concurrency the most requests in flight to one app
 * @param tomcatThreads rounds on these Tomcat thread counts, one app at a time (see
 * {@link RacePlan#tomcatThreads()}); none when {@code null} or empty
 */
public record RaceForm(@Nullable String preset, @Nullable String endpoint, @Nullable Integer delayMs,
		@Nullable Integer iterations, @Nullable Integer requests, @Nullable Integer concurrency,
		@Nullable List<Integer> tomcatThreads) {

	/**
	 * A race without rounds on Tomcat thread counts.
	 * @param preset a preset's id; the other fields are then ignored
	 * @param endpoint one of {@link #ENDPOINTS}' keys
	 * @param delayMs the delay, for the endpoints that have one
	 * @param iterations the rounds of {@code /api/cpu}
	 * @param requests how many requests each app gets
	 * @param concurrency the most requests in flight to one app
	 */
	public RaceForm(@Nullable String preset, @Nullable String endpoint, @Nullable Integer delayMs,
			@Nullable Integer iterations, @Nullable Integer requests, @Nullable Integer concurrency) {
		this(preset, endpoint, delayMs, iterations, requests, concurrency, null);
	}

	/** The most requests a race sends to one app. */
	public static final int MAX_REQUESTS = 2_000;

	/** The most requests a race keeps in flight to one app. */
	public static final int MAX_CONCURRENCY = 2_000;

	/** The endpoints a custom race may hit, with their path templates. */
	public static final Map<String, String> ENDPOINTS = Map.of("items", "/api/items/{n}?delayMs={delay}", "page",
			"/api/items?delayMs={delay}&limit=20", "file", "/api/files/sample-1m.bin?delayMs={delay}", "mixed",
			"/api/mixed?dbDelayMs={delay}&fileDelayMs={delay}", "cpu", "/api/cpu?iterations={iterations}", "sleep",
			"/api/sleep?delayMs={delay}", "sleep-offload", "/api/sleep?delayMs={delay}&offload=true");

	/** The order the page lists the endpoints in. */
	public static final List<String> ENDPOINT_ORDER = List.of("items", "page", "file", "mixed", "cpu", "sleep",
			"sleep-offload");

	/**
	 * The plan this form asks for.
	 * @return the plan
	 * @throws IllegalArgumentException when the form asks for something out of bounds
	 */
	public RacePlan plan() {
		if (this.preset != null && !this.preset.isBlank()) {
			return RacePresets.find(this.preset)
				.orElseThrow(() -> new IllegalArgumentException("no such preset: " + this.preset));
		}
		String template = (this.endpoint != null) ? ENDPOINTS.get(this.endpoint) : null;
		if (template == null) {
			throw new IllegalArgumentException("endpoint must be one of " + ENDPOINT_ORDER);
		}
		int delay = within("delayMs", this.delayMs, 0, 0, Limits.MAX_DELAY_MS);
		int rounds = within("iterations", this.iterations, Limits.DEFAULT_ITERATIONS, 1, Limits.MAX_ITERATIONS);
		int count = within("requests", this.requests, 10, 1, MAX_REQUESTS);
		int parallel = within("concurrency", this.concurrency, count, 1, MAX_CONCURRENCY);
		String path = template.replace("{delay}", String.valueOf(delay))
			.replace("{iterations}", String.valueOf(rounds));
		List<Integer> threads = (this.tomcatThreads != null) ? this.tomcatThreads : List.of();
		if (threads.stream().anyMatch(Objects::isNull)) {
			throw new IllegalArgumentException("tomcatThreads must be counts, got " + threads);
		}
		// The page names a custom race by its requests and count (preset.custom.*).
		// Rounds turn one app's knob from count to count, so they run one app at a time.
		return new RacePlan("custom", List.of(new RaceGroup("r", count, path, 0, 0)), parallel, !threads.isEmpty(),
				threads);
	}

	private static int within(String name, @Nullable Integer value, int fallback, int min, int max) {
		int actual = (value != null) ? value : fallback;
		if (actual < min || actual > max) {
			throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + actual);
		}
		return actual;
	}

}
