package dev.threadlab.shared.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Loopback}.
 */
class LoopbackTests {

	@ParameterizedTest
	@ValueSource(strings = { "localhost", "LocalHost", "127.0.0.1", "127.0.0.0", "127.255.255.255", "127.1.2.3", "::1",
			"[::1]", "0:0:0:0:0:0:0:1", "0000:0000:0000:0000:0000:0000:0000:0001", "0::1", "::0:1", "::ffff:127.0.0.1",
			"[::ffff:127.9.8.7]", "::FFFF:127.0.0.1", "0:0:0:0:0:ffff:7f00:1", "::ffff:7f00:1", "::1%lo", "[::1%25lo]",
			"::1%1" })
	void loopbackNamesAndLiteralsAreLoopback(String host) {
		assertThat(Loopback.isLoopback(host)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			// Names are never resolved: whoever owns their DNS decides where they point.
			"127.evil.example", "127.0.0.1.nip.io", "localhost.evil.com", "evil-localhost", "localhost.", "127.0.0.1.",
			"127.0.0.1.example", "my.localhost",
			// Prefix and suffix tricks, and forms other parsers read differently.
			"127.0.0.1x", "127.0.0.1:8080", "127.0.0.1 ", " 127.0.0.1", "127.0.0", "127.0.0.1.1", "127.1", "127",
			"0177.0.0.1", "0x7f.0.0.1", "127.0.0.01", "127.0.0.256", "127.0.0.-1", "+127.0.0.1", "2130706433",
			// Other scripts' digits look like digits to Character.isDigit.
			"\u0661\u0662\u0667.0.0.1", "\uff11\uff12\uff17.0.0.1",
			// Other addresses.
			"0.0.0.0", "10.0.0.1", "128.0.0.1", "126.255.255.255", "192.0.2.7", "203.0.113.7", "::", "::2", "1::1",
			"::ffff:192.0.2.7", "::ffff:10.0.0.1", "::127.0.0.1", "fe80::1", "fe80::1%lo", "::1:0", "1:0:0:0:0:0:0:1",
			// IPv6 forms that are malformed.
			":::1", "::1::", "1::2::1", "[::1", "::1]", "[[::1]]", "[]", "[127.0.0.1]", "::1%", "::1%lo/0", "::1%lo%lo",
			"0:0:0:0:0:0:0:0:1", "0:0:0:0:0:0:1", "00000::1", "::g", "::1:", ":1", "::ffff:127.0.0.1.1", "::ffff:127.1",
			"::ffff:127.0.0.1:0", "\uff10::1",
			// Empty and garbage.
			"", " ", "[", "]", ":", ".", "...", "localhost:8080", "user@127.0.0.1", "127.0.0.1/8", "127.0.0.1#",
			"http://127.0.0.1" })
	void anythingElseIsNotLoopback(String host) {
		assertThat(Loopback.isLoopback(host)).isFalse();
	}

	@Test
	void noHostIsNotLoopback() {
		assertThat(Loopback.isLoopback((String) null)).isFalse();
		assertThat(Loopback.isLoopback((InetAddress) null)).isFalse();
		assertThat(Loopback.isLoopback((InetSocketAddress) null)).isFalse();
		assertThat(Loopback.isLoopbackLiteral(null)).isFalse();
	}

	@Test
	void literalCheckTakesNoNames() {
		assertThat(Loopback.isLoopbackLiteral("127.0.0.1")).isTrue();
		assertThat(Loopback.isLoopbackLiteral("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(Loopback.isLoopbackLiteral("localhost")).isFalse();
		assertThat(Loopback.isLoopbackLiteral("203.0.113.7")).isFalse();
	}

	@Test
	void addressesAreJudgedByTheirBytes() throws UnknownHostException {
		assertThat(Loopback.isLoopback(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }))).isTrue();
		assertThat(Loopback.isLoopback(InetAddress.getByAddress(new byte[] { 127, 42, 0, 9 }))).isTrue();
		assertThat(Loopback.isLoopback(InetAddress.getByAddress(new byte[] { (byte) 203, 0, 113, 7 }))).isFalse();
		byte[] ipv6Loopback = new byte[16];
		ipv6Loopback[15] = 1;
		assertThat(Loopback.isLoopback(InetAddress.getByAddress(ipv6Loopback))).isTrue();
		byte[] ipv6Other = new byte[16];
		ipv6Other[0] = (byte) 0xfe;
		ipv6Other[1] = (byte) 0x80;
		ipv6Other[15] = 1;
		assertThat(Loopback.isLoopback(InetAddress.getByAddress(ipv6Other))).isFalse();
	}

	@Test
	void socketAddressesAreJudgedWithoutALookup() throws UnknownHostException {
		InetAddress local = InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		InetAddress remote = InetAddress.getByAddress(new byte[] { (byte) 203, 0, 113, 7 });
		assertThat(Loopback.isLoopback(new InetSocketAddress(local, 4711))).isTrue();
		assertThat(Loopback.isLoopback(new InetSocketAddress(remote, 4711))).isFalse();
		assertThat(Loopback.isLoopback(InetSocketAddress.createUnresolved("127.0.0.1", 4711))).isTrue();
		// An unresolved name stays a name: not a literal, so not loopback, even
		// localhost.
		assertThat(Loopback.isLoopback(InetSocketAddress.createUnresolved("localhost", 4711))).isFalse();
		assertThat(Loopback.isLoopback(InetSocketAddress.createUnresolved("127.evil.example", 4711))).isFalse();
	}

}
