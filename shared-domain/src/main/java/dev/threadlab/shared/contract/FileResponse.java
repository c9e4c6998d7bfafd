package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/files/{name}} and {@code PUT /api/files/{name}}.
 *
 * @param file the file read or written
 * @param trace how the request went; {@code null} where the app runs with tracing off
 */
public record FileResponse(FileInfo file, @Nullable Trace trace) {
}
