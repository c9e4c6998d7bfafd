package dev.threadlab.dashboard.live;

import java.util.List;

import dev.threadlab.shared.contract.ActivityEntry;

/**
 * Requests an app finished since the last poll.
 *
 * @param app the app's name
 * @param items the finished requests, oldest first
 * @param reset whether the app restarted since the last poll, so earlier entries belong
 * to a process that is gone
 */
public record AppActivity(String app, List<ActivityEntry> items, boolean reset) {
}
