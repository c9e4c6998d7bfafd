package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/mixed}: item 1 and {@code sample-4k.txt}.
 *
 * @param item the item read
 * @param file the file read
 * @param parallel whether both reads ran at once
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record MixedResponse(Item item, FileInfo file, boolean parallel, @Nullable Trace trace) {
}
