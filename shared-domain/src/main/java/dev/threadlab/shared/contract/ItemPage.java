package dev.threadlab.shared.contract;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/items}: a page of items ordered by id.
 *
 * @param items the page
 * @param limit the page size asked for
 * @param offset how many items come before the page
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record ItemPage(List<Item> items, int limit, long offset, @Nullable Trace trace) {
}
