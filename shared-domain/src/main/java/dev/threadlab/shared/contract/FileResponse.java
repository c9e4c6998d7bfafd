package dev.threadlab.shared.contract;

/**
 * The answer of {@code GET /api/files/{name}} and {@code PUT /api/files/{name}}.
 *
 * @param file the file read or written
 * @param trace how the request went
 */
public record FileResponse(FileInfo file, Trace trace) {
}
