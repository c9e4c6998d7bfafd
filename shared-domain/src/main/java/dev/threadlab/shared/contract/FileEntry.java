package dev.threadlab.shared.contract;

/**
 * A file in the data folder, as {@code GET /api/files} lists it.
 *
 * @param name the file's name
 * @param bytes its size
 */
public record FileEntry(String name, long bytes) {
}
