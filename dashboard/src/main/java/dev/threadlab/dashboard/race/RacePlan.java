package dev.threadlab.dashboard.race;

import java.util.ArrayList;
import java.util.List;

/**
 * What a race sends to every app. Its words (a name, and a story of what to look for) are
 * in the message bundles under {@code preset.<id>.title} and {@code preset.<id>.story},
 * so that the page can tell it in the reader's language.
 *
 * @param id the preset's id, or {@code custom}
 * @param groups the requests
 * @param concurrency the most requests in flight to one app
 * @param oneAppAtATime race the apps one after the other instead of together: for work
 * that needs the cores, which apps racing at once on one machine would share
 */
public record RacePlan(String id, List<RaceGroup> groups, int concurrency, boolean oneAppAtATime) {

	/**
	 * A race that every app runs at the same moment.
	 * @param id the preset's id
	 * @param groups the requests
	 * @param concurrency the most requests in flight to one app
	 */
	public RacePlan(String id, List<RaceGroup> groups, int concurrency) {
		this(id, groups, concurrency, false);
	}

	/**
	 * The requests one by one, in the order they are sent.
	 * @return the planned requests
	 */
	public List<PlannedRequest> requests() {
		List<PlannedRequest> requests = new ArrayList<>();
		for (RaceGroup group : this.groups) {
			for (int n = 1; n <= group.count(); n++) {
				requests.add(new PlannedRequest(requests.size(), group.labelOf(n), group.pathOf(n),
						group.startMs() + (n - 1) * group.spacingMs(), group.probe(), group.method()));
			}
		}
		requests.sort((a, b) -> Integer.compare(a.offsetMs(), b.offsetMs()));
		List<PlannedRequest> ordered = new ArrayList<>(requests.size());
		for (PlannedRequest request : requests) {
			ordered.add(new PlannedRequest(ordered.size(), request.label(), request.path(), request.offsetMs(),
					request.probe(), request.method()));
		}
		return ordered;
	}

	/**
	 * How many requests each app gets.
	 * @return the number of requests
	 */
	public int size() {
		return this.groups.stream().mapToInt(RaceGroup::count).sum();
	}

	/**
	 * One request of a race.
	 *
	 * @param index its place in the order of sending, from 0
	 * @param label its name on the bars
	 * @param path its path and query
	 * @param offsetMs when it is sent, after the race starts
	 * @param probe whether it only measures how fast the app answers
	 * @param method its HTTP method
	 */
	public record PlannedRequest(int index, String label, String path, int offsetMs, boolean probe, String method) {
	}

}
