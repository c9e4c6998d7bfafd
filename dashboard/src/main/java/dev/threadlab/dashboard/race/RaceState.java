package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.bench.RunCosts;

/**
 * A race so far, for a browser that opens the page in the middle of it or after it.
 *
 * @param info what the race is
 * @param running whether requests are still out
 * @param results the requests answered so far
 * @param summaries per app, once the race is over
 * @param costs per app, what the race cost it, once read after the race; empty until then
 */
public record RaceState(RaceInfo info, boolean running, List<RaceResult> results, List<RaceSummary> summaries,
		Map<String, RunCosts> costs) {
}
