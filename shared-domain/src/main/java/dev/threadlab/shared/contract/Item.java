package dev.threadlab.shared.contract;

import java.time.Instant;

/**
 * An item row.
 *
 * @param id the item's id, from 1
 * @param name its name, 1 to 100 characters
 * @param createdAt when it was inserted
 */
public record Item(long id, String name, Instant createdAt) {
}
