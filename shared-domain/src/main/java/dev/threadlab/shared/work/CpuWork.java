package dev.threadlab.shared.work;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.threadlab.shared.files.Sha256;

/**
 * The CPU-bound work of {@code GET /api/cpu}: it never waits, so no concurrency model can
 * hide it; only cores help.
 */
public final class CpuWork {

	private static final byte[] SEED = "threadlab".getBytes(StandardCharsets.UTF_8);

	private CpuWork() {
	}

	/**
	 * SHA-256 applied {@code iterations} times, starting from the UTF-8 bytes of
	 * {@code threadlab}, each round hashing the previous 32-byte digest.
	 * @param iterations the rounds, 1 or more
	 * @return the final digest in hex, lower case
	 */
	public static String sha256Rounds(int iterations) {
		MessageDigest digest = Sha256.newDigest();
		byte[] value = SEED;
		for (int i = 0; i < iterations; i++) {
			value = digest.digest(value);
		}
		return HexFormat.of().formatHex(value);
	}

}
