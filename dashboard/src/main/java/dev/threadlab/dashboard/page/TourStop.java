package dev.threadlab.dashboard.page;

import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.race.RacePresets;
import org.jspecify.annotations.Nullable;

/**
 * One idea of the study notes on the tour, and the race that shows it. Its words are in
 * the tour bundles under {@code tour.stop.<id>.*}.
 *
 * @param id the idea's id, also the anchor {@code #<id>} on the tour
 * @param preset the race preset that shows it, or {@code null} when a custom race does
 * @param race the custom race's form (as {@code POST /api/races} takes it), or
 * {@code null} for a preset
 * @param see where on the dashboard to watch it, such as {@code /#loops}
 */
record TourStop(String id, @Nullable String preset, @Nullable Map<String, Object> race, String see) {

	/** The notes' ideas, in the order the tour tells them. */
	static final List<TourStop> ALL = List.of(preset("blocking-io", "waves-40", "/"),
			preset("thread-per-request", "wave-400", "/"), preset("time-slicing", "abc", "/"),
			preset("thread-memory", "sleepers-2000", "/#costs"), preset("context-switches", "switching", "/#costs"),
			custom("event-loop", Map.of("endpoint", "items", "delayMs", 1000, "requests", 1000, "concurrency", 1000),
					"/"),
			preset("loop-phases", "sleep-on-loop", "/#loops"), preset("worker-pool", "sleep-offloaded", "/#loops"),
			preset("cpu-on-loop", "cpu-heavy", "/"),
			custom("callbacks", Map.of("endpoint", "mixed", "delayMs", 100, "requests", 20, "concurrency", 20), "/"),
			preset("virtual-threads", "wave-400", "/"), preset("shared-state", "shared-counter", "/"),
			preset("one-core", "one-core", "/"));

	/**
	 * Whether the dashboard has this stop's race: a preset another part of the lab adds
	 * may not be in this build yet, and the tour then says so instead of offering a
	 * button that fails.
	 * @return whether the button can start it
	 */
	public boolean runnable() {
		return this.preset == null || RacePresets.find(this.preset).isPresent();
	}

	private static TourStop preset(String id, String preset, String see) {
		return new TourStop(id, preset, null, see);
	}

	private static TourStop custom(String id, Map<String, Object> race, String see) {
		return new TourStop(id, null, race, see);
	}

}
