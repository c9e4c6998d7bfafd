package dev.threadlab.shared.contract;

import java.util.List;

/**
 * The answer of {@code GET /api/items}: a page of items ordered by id.
 *
 * @param items the page
 * @param limit the page size asked for
 * @param offset how many items come before the page
 * @param trace how the request went
 */
public record ItemPage(List<Item> items, int limit, long offset, Trace trace) {
}
