package dev.threadlab.dashboard.load;

import org.jspecify.annotations.Nullable;

/**
 * What the browser is told about the panel's run.
 *
 * @param type {@code state} (started, an app done, finished) or {@code progress} (each
 * second)
 * @param state the run, for {@code state}
 * @param progress the last second, for {@code progress}
 */
public record LoadUpdate(String type, @Nullable LoadState state, @Nullable LoadProgress progress) {
}
