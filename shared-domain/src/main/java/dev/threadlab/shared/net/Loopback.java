package dev.threadlab.shared.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

/**
 * The lab's one loopback check: whether an address, or a host as written in a URL or a
 * {@code Host} header, is this machine. Every guard (the apps' remote-address check, the
 * dashboard's {@code Host} and {@code Origin} checks, the load engine's and the
 * dashboard's target checks) asks here, so that they cannot disagree.
 * <p>
 * A host is loopback when it is the name {@code localhost} or a literal address in
 * {@code 127.0.0.0/8}, {@code ::1} or {@code ::ffff:127.0.0.0/104} (IPv4-mapped). The
 * literal is parsed here, strictly, never resolved: a name such as
 * {@code 127.evil.example} or {@code localhost.evil.com} is whatever its DNS says, and
 * DNS is exactly what a rebinding attacker controls. Nothing here reads
 * {@code X-Forwarded-For} or {@code Forwarded}: those are whatever the caller wrote.
 */
public final class Loopback {

	private Loopback() {
	}

	/**
	 * Whether a host, as written in a URL or a {@code Host} header (without its port), is
	 * this machine.
	 * @param host {@code localhost}, an IPv4 literal, or an IPv6 literal with or without
	 * brackets and with or without a zone id; {@code null} is no host
	 * @return {@code true} only for {@code localhost} and loopback literals
	 */
	public static boolean isLoopback(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		byte[] address = parseLiteral(host);
		return address != null && isLoopback(address);
	}

	/**
	 * Whether an address is this machine.
	 * @param address the address; {@code null} is no address
	 * @return {@code true} for {@code 127.0.0.0/8}, {@code ::1} and IPv4-mapped
	 * {@code 127.0.0.0/8}
	 */
	public static boolean isLoopback(@Nullable InetAddress address) {
		return address != null && isLoopback(address.getAddress());
	}

	/**
	 * Whether a socket's address is this machine, such as the remote end of a connection.
	 * @param address the socket address; an unresolved one is judged by its host string,
	 * which is never looked up
	 * @return {@code true} only for a loopback address
	 */
	public static boolean isLoopback(@Nullable InetSocketAddress address) {
		if (address == null) {
			return false;
		}
		InetAddress resolved = address.getAddress();
		return (resolved != null) ? isLoopback(resolved) : isLoopbackLiteral(address.getHostString());
	}

	/**
	 * Whether a string is a loopback literal address; the name {@code localhost} is not
	 * one. For remote addresses as a server reports them, which are never names.
	 * @param address such as {@code 127.0.0.1} or {@code 0:0:0:0:0:0:0:1}
	 * @return {@code true} only for a loopback literal
	 */
	public static boolean isLoopbackLiteral(@Nullable String address) {
		if (address == null) {
			return false;
		}
		byte[] parsed = parseLiteral(address);
		return parsed != null && isLoopback(parsed);
	}

	private static boolean isLoopback(byte[] address) {
		if (address.length == 4) {
			return address[0] == 127;
		}
		if (address.length != 16) {
			return false;
		}
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
			return address[12] == 127; // IPv4-mapped: the IPv4 address decides
		}
		for (int i = 10; i < 15; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[15] == 1;
	}

	/**
	 * The bytes of a literal address, or {@code null} when the string is anything else.
	 * Only the forms a URL or a server writes: four dotted decimal parts without leading
	 * zeros (so no octal {@code 0177.0.0.1}, hex or short {@code 127.1} forms, which some
	 * parsers read differently), and IPv6 in RFC 4291 text form, optionally bracketed and
	 * with a zone id.
	 */
	private static byte @Nullable [] parseLiteral(String text) {
		String host = text;
		if (host.startsWith("[") || host.endsWith("]")) {
			if (host.length() < 2 || !host.startsWith("[") || !host.endsWith("]")) {
				return null;
			}
			host = host.substring(1, host.length() - 1);
			return (host.indexOf(':') >= 0) ? parseIpv6(host) : null;
		}
		return (host.indexOf(':') >= 0) ? parseIpv6(host) : parseIpv4(host);
	}

	private static byte @Nullable [] parseIpv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		byte[] address = new byte[4];
		for (int i = 0; i < 4; i++) {
			int value = decimalOctet(parts[i]);
			if (value < 0) {
				return null;
			}
			address[i] = (byte) value;
		}
		return address;
	}

	private static int decimalOctet(String part) {
		if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			char c = part.charAt(i);
			// ASCII only: Character.isDigit would also take other scripts' digits.
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return (value <= 255) ? value : -1;
	}

	private static byte @Nullable [] parseIpv6(String text) {
		String address = text;
		int zone = address.indexOf('%');
		if (zone >= 0) {
			if (!isZoneId(address.substring(zone + 1))) {
				return null;
			}
			address = address.substring(0, zone);
		}
		int gap = address.indexOf("::");
		if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
			return null; // "::" may stand for one run of zeros only
		}
		byte[] bytes = new byte[16];
		if (gap < 0) {
			return (fill(address, bytes, 0, 16) == 16) ? bytes : null;
		}
		String head = address.substring(0, gap);
		String tail = address.substring(gap + 2);
		byte[] tailBytes = new byte[16];
		int headLength = head.isEmpty() ? 0 : fill(head, bytes, 0, 14);
		int tailLength = tail.isEmpty() ? 0 : fill(tail, tailBytes, 0, 14);
		if (headLength < 0 || tailLength < 0 || headLength + tailLength > 14) {
			return null;
		}
		System.arraycopy(tailBytes, 0, bytes, 16 - tailLength, tailLength);
		return bytes;
	}

	/**
	 * Writes colon-separated groups (the last may be a dotted IPv4 address) into
	 * {@code bytes} from {@code offset}.
	 * @return how many bytes were written, or -1 for a malformed text or more than
	 * {@code max} bytes
	 */
	private static int fill(String groups, byte[] bytes, int offset, int max) {
		String[] parts = groups.split(":", -1);
		int at = offset;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && part.indexOf('.') >= 0) {
				byte[] ipv4 = parseIpv4(part);
				if (ipv4 == null || at + 4 - offset > max) {
					return -1;
				}
				System.arraycopy(ipv4, 0, bytes, at, 4);
				at += 4;
				continue;
			}
			int value = hexGroup(part);
			if (value < 0 || at + 2 - offset > max) {
				return -1;
			}
			bytes[at++] = (byte) (value >> 8);
			bytes[at++] = (byte) value;
		}
		return at - offset;
	}

	private static int hexGroup(String part) {
		if (part.isEmpty() || part.length() > 4) {
			return -1;
		}
		int value = 0;
		for (int i = 0; i < part.length(); i++) {
			int digit = Character.digit(part.charAt(i), 16);
			if (digit < 0 || part.charAt(i) > 'f') {
				return -1; // ASCII hex digits only
			}
			value = value * 16 + digit;
		}
		return value;
	}

	private static boolean isZoneId(String zone) {
		if (zone.isEmpty() || zone.length() > 64) {
			return false;
		}
		for (int i = 0; i < zone.length(); i++) {
			char c = zone.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
					|| c == '_' || c == '-' || c == '~';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
