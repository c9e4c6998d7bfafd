package dev.threadlab.dashboard.race;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A race as it starts: what it sends, to which apps, and how to send the same with curl.
 *
 * @param id the race's id, the prefix of its requests' {@code X-Request-Id}
 * @param plan what each app gets
 * @param apps the apps it goes to
 * @param startedAt when it started
 * @param curl per app, the shell commands that send the same requests
 * @param legs each app's runs, in the order they run: one per app, or one per round on an
 * app whose Tomcat threads the race turns
 */
public record RaceInfo(String id, RacePlan plan, List<String> apps, Instant startedAt, Map<String, String> curl,
		List<RaceLeg> legs) {
}
