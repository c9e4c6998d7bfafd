package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/items/{id}} and {@code POST /api/items}.
 *
 * @param item the item
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record ItemResponse(Item item, @Nullable Trace trace) {
}
