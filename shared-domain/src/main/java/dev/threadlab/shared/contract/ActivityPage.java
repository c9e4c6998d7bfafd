package dev.threadlab.shared.contract;

import java.util.List;

/**
 * The answer of {@code GET /api/activity}: finished requests, oldest first.
 *
 * @param items the entries after the sequence asked for
 * @param next the {@code after} to ask with next time
 */
public record ActivityPage(List<ActivityEntry> items, long next) {
}
