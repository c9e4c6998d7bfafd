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
 */
public record RaceGroup(String label, int count, String path, int startMs, int spacingMs) {

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
