package dev.threadlab.shared.contract;

/**
 * A file that was read or written whole.
 *
 * @param name the file's name
 * @param bytes its size
 * @param sha256 the SHA-256 of its bytes, hex, lower case
 */
public record FileInfo(String name, long bytes, String sha256) {
}
