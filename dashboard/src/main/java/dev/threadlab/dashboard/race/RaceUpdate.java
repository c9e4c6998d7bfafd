package dev.threadlab.dashboard.race;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the browsers are told while a race runs.
 *
 * @param type {@code started}, {@code results} or {@code finished}
 * @param raceId the race
 * @param info what the race is, when it starts
 * @param results requests answered since the last update
 * @param summaries per app, when it finishes
 */
public record RaceUpdate(String type, String raceId, @Nullable RaceInfo info, List<RaceResult> results,
		List<RaceSummary> summaries) {
}
