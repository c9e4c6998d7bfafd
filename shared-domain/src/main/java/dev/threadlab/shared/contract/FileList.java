package dev.threadlab.shared.contract;

import java.util.List;

/**
 * The answer of {@code GET /api/files}, sorted by name.
 *
 * @param files the files in the data folder
 */
public record FileList(List<FileEntry> files) {
}
