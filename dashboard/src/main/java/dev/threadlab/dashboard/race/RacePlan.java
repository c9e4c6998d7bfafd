package dev.threadlab.dashboard.race;

import java.util.ArrayList;
import java.util.List;

import dev.threadlab.shared.limits.Limits;

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
 * @param tomcatThreads rounds on several Tomcat thread counts: each app with a Tomcat
 * request pool runs the race once per count, its knob turned to it first and turned back
 * after the race; the other apps run it once. Empty for a race that leaves the knob
 * alone. Rounds run one app at a time, since one knob cannot hold two counts at once.
 */
public record RacePlan(String id, List<RaceGroup> groups, int concurrency, boolean oneAppAtATime,
		List<Integer> tomcatThreads) {

	/** The most rounds a race may have. */
	public static final int MAX_ROUNDS = 4;

	public RacePlan {
		tomcatThreads = List.copyOf(tomcatThreads);
		if (tomcatThreads.size() > MAX_ROUNDS) {
			throw new IllegalArgumentException(
					"tomcatThreads may have at most " + MAX_ROUNDS + " counts, got " + tomcatThreads.size());
		}
		for (int threads : tomcatThreads) {
			if (threads < 1 || threads > Limits.MAX_TOMCAT_THREADS) {
				throw new IllegalArgumentException(
						"tomcatThreads must be between 1 and " + Limits.MAX_TOMCAT_THREADS + ", got " + threads);
			}
		}
		if (tomcatThreads.stream().distinct().count() < tomcatThreads.size()) {
			throw new IllegalArgumentException("tomcatThreads must not repeat a count, got " + tomcatThreads);
		}
		if (!tomcatThreads.isEmpty() && !oneAppAtATime) {
			throw new IllegalArgumentException("rounds on several Tomcat thread counts run one app at a time");
		}
	}

	/**
	 * A race on each app's own threads, one app at a time or all together.
	 * @param id the preset's id
	 * @param groups the requests
	 * @param concurrency the most requests in flight to one app
	 * @param oneAppAtATime race the apps one after the other
	 */
	public RacePlan(String id, List<RaceGroup> groups, int concurrency, boolean oneAppAtATime) {
		this(id, groups, concurrency, oneAppAtATime, List.of());
	}

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
