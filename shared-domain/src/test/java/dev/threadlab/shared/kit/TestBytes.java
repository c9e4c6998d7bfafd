package dev.threadlab.shared.kit;

import java.util.concurrent.ThreadLocalRandom;

import dev.threadlab.shared.files.Sha256;

/**
 * Bytes for upload tests, and the digest to check them by, for every module's tests.
 */
public final class TestBytes {

	private TestBytes() {
	}

	/**
	 * Random bytes.
	 * @param size how many
	 * @return the bytes
	 */
	public static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	/**
	 * The SHA-256 of some bytes, as the contract writes it.
	 * @param bytes the bytes
	 * @return hex, lower case
	 */
	public static String sha256(byte[] bytes) {
		java.security.MessageDigest digest = Sha256.newDigest();
		digest.update(bytes);
		return Sha256.hex(digest);
	}

}
