package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.bench.RunCosts;

import org.jspecify.annotations.Nullable;

/**
 * What the browsers are told while a race runs.
 *
 * @param type {@code started}, {@code results}, {@code finished}, or {@code costs} once
 * each app's costs have been read after the race
 * @param raceId the race
 * @param info what the race is, when it starts
 * @param results requests answered since the last update
 * @param summaries per app, when it finishes
 * @param costs per app, what the race cost it ({@code GET /api/costs} before and after),
 * with the {@code costs} update
 */
public record RaceUpdate(String type, String raceId, @Nullable RaceInfo info, List<RaceResult> results,
		List<RaceSummary> summaries, Map<String, RunCosts> costs) {
}
