package dev.threadlab.shared.work;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuWorkTests {

	@Test
	void oneRoundIsTheDigestOfThreadlab() throws Exception {
		byte[] expected = MessageDigest.getInstance("SHA-256").digest("threadlab".getBytes(StandardCharsets.UTF_8));
		assertThat(CpuWork.sha256Rounds(1)).isEqualTo(HexFormat.of().formatHex(expected));
	}

	@Test
	void eachRoundHashesThePreviousDigest() throws Exception {
		MessageDigest sha = MessageDigest.getInstance("SHA-256");
		byte[] value = sha.digest(sha.digest(sha.digest("threadlab".getBytes(StandardCharsets.UTF_8))));
		assertThat(CpuWork.sha256Rounds(3)).isEqualTo(HexFormat.of().formatHex(value)).hasSize(64);
	}

}
