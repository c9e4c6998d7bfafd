package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/items}; the name is checked by
 * {@link dev.threadlab.shared.limits.Params#itemName(String)}.
 *
 * @param name the new item's name
 */
public record NewItem(@Nullable String name) {
}
