package dev.threadlab.shared.contract;

/**
 * The answer of {@code GET /api/items/{id}} and {@code POST /api/items}.
 *
 * @param item the item
 * @param trace how the request went
 */
public record ItemResponse(Item item, Trace trace) {
}
