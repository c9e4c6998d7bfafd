package dev.threadlab.dashboard.load;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The panel's run: its plan, the apps it loads one after the other, and their results.
 *
 * @param id a short id
 * @param plan what each app is sent
 * @param apps the apps, in the order they are loaded
 * @param running whether it is under way
 * @param current the app being loaded now
 * @param results the results so far
 * @param error why it stopped early, if it did
 */
public record LoadState(String id, LoadPlan plan, List<String> apps, boolean running, @Nullable String current,
		List<LoadResult> results, @Nullable String error) {
}
