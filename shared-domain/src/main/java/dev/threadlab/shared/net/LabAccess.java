package dev.threadlab.shared.net;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which requests only a caller on this machine may send, the same on every contender: any
 * method but {@code GET}, {@code HEAD} and {@code OPTIONS} (uploads, new items), and
 * whatever the method the endpoints that load the machine or turn its knobs
 * ({@code /api/cpu}, {@code /api/sleep}, {@code /api/lab/**}). Everything else is a read,
 * open to a classroom's visitors.
 */
public final class LabAccess {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	/**
	 * The endpoints under {@code /api} that, read or not, load the machine or turn knobs.
	 */
	private static final Set<String> LOOPBACK_ONLY = Set.of("cpu", "sleep", "lab");

	private LabAccess() {
	}

	/**
	 * Whether a method only reads: the methods a visitor may use.
	 * @param method the request's method, as sent (methods are case-sensitive, so
	 * {@code get} is not {@code GET})
	 * @return {@code true} for {@code GET}, {@code HEAD} and {@code OPTIONS}
	 */
	public static boolean isSafeMethod(String method) {
		return SAFE_METHODS.contains(method);
	}

	/**
	 * Whether a request may only come from this machine.
	 * @param method the request's method, as sent
	 * @param rawPath the path within the application, still percent-encoded, as the
	 * server received it
	 * @return {@code true} when it changes something or loads the machine
	 */
	public static boolean onlyFromLoopback(String method, String rawPath) {
		if (!isSafeMethod(method)) {
			return true;
		}
		List<String> segments = segments(rawPath);
		if (segments.size() < 2 || !"api".equals(segments.get(0))) {
			return false;
		}
		return LOOPBACK_ONLY.contains(segments.get(1));
	}

	/**
	 * The path's segments as loosely as any router could read them: percent-decoded,
	 * without {@code ;parameters}, without empty and {@code .} segments, {@code ..}
	 * resolved, and in lower case. Looser than the routers themselves on purpose, so that
	 * no spelling of {@code /api/cpu} they would serve ({@code /api/%63pu},
	 * {@code /api/cpu;x}, {@code /api//cpu/}) slips past as a read; a spelling they would
	 * not serve is at worst refused instead of answered 404.
	 */
	static List<String> segments(String rawPath) {
		List<String> segments = new ArrayList<>();
		for (String raw : rawPath.split("/", -1)) {
			int parameters = raw.indexOf(';');
			String decoded = decode((parameters >= 0) ? raw.substring(0, parameters) : raw);
			for (String segment : decoded.split("[/\\\\]", -1)) {
				String name = segment.toLowerCase(Locale.ROOT);
				if (name.isEmpty() || ".".equals(name)) {
					continue;
				}
				if ("..".equals(name)) {
					if (!segments.isEmpty()) {
						segments.remove(segments.size() - 1);
					}
					continue;
				}
				segments.add(name);
			}
		}
		return segments;
	}

	/** Percent-decodes as UTF-8; a malformed escape stays as written. */
	private static String decode(String text) {
		if (text.indexOf('%') < 0) {
			return text;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
				bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
				i += 2;
			}
			else {
				int codePoint = text.codePointAt(i);
				byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
				i += Character.charCount(codePoint) - 1;
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static int hex(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

}
