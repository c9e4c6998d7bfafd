package dev.threadlab.dashboard.race;

/**
 * Alike requests in a race: the same path, fired at once or one after another.
 *
 * @param label what the bars are called: {@code A}, or {@code db} for {@code db1},
 * {@code db2}...
 * @param count how many requests
 * @param path the path and query on each app; {@code {n}} stands for an item id, 1 to
 * 1000, different for each request
 * @param startMs when the first one is sent, after the race starts
 * @param spacingMs the time between two of them; 0 sends them all at once
 * @param probe whether these requests only measure how fast the app answers while the
 * others run; their latencies are reported apart
 * @param method {@code GET}, or {@code POST} for the lab's experiments that change
 * something (the shared counter)
 */
public record RaceGroup(String label, int count, String path, int startMs, int spacingMs, boolean probe,
		String method) {

	/**
	 * Requests that read, or probes.
	 * @param label what the bars are called
	 * @param count how many requests
	 * @param path the path and query on each app
	 * @param startMs when the first one is sent
	 * @param spacingMs the time between two of them
	 * @param probe whether these requests only measure how fast the app answers
	 */
	public RaceGroup(String label, int count, String path, int startMs, int spacingMs, boolean probe) {
		this(label, count, path, startMs, spacingMs, probe, "GET");
	}

	/**
	 * Requests that take part in the race.
	 * @param label what the bars are called
	 * @param count how many requests
	 * @param path the path and query on each app
	 * @param startMs when the first one is sent
	 * @param spacingMs the time between two of them
	 */
	public RaceGroup(String label, int count, String path, int startMs, int spacingMs) {
		this(label, count, path, startMs, spacingMs, false);
	}

	/**
	 * Probes: cheap requests that time how long the app takes to answer anything at all
	 * while the others run.
	 * @param count how many
	 * @param path what they ask for
	 * @param startMs when the first one is sent
	 * @param spacingMs the time between two of them
	 * @return the group, labelled {@code probe}
	 */
	public static RaceGroup probes(int count, String path, int startMs, int spacingMs) {
		return new RaceGroup("probe", count, path, startMs, spacingMs, true);
	}

	/**
	 * Requests that change the lab, such as the shared counter's increments.
	 * @param label what the bars are called
	 * @param count how many requests
	 * @param path the path and query on each app
	 * @return the group, sent all at once
	 */
	public static RaceGroup posts(String label, int count, String path) {
		return new RaceGroup(label, count, path, 0, 0, false, "POST");
	}

	/**
	 * The path of the {@code n}th request of the group.
	 * @param n from 1 to {@link #count()}
	 * @return the path with its item id
	 */
	String pathOf(int n) {
		return this.path.replace("{n}", String.valueOf((n - 1) % 1000 + 1));
	}

	String labelOf(int n) {
		return (this.count == 1) ? this.label : this.label + n;
	}

}
