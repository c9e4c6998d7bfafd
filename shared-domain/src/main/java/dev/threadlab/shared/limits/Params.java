package dev.threadlab.shared.limits;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads request parameters exactly as CONTRACT.md bounds them. Both apps take raw strings
 * and call these, so a bad value gets the same 400 and the same words on every contender.
 * An absent parameter takes its default; a present but empty one is invalid.
 */
public final class Params {

	private static final Pattern FILE_NAME = Pattern.compile(Limits.FILE_NAME_PATTERN);

	private static final Pattern REQUEST_ID = Pattern.compile(Limits.REQUEST_ID_PATTERN);

	private Params() {
	}

	/**
	 * A delay: {@code delayMs}, {@code dbDelayMs} or {@code fileDelayMs}.
	 * @param name the parameter's name
	 * @param raw its value, or {@code null} when absent
	 * @return 0 to 30000, 0 when absent
	 */
	public static int delay(String name, @Nullable String raw) {
		return (int) integer(name, raw, 0, Limits.MAX_DELAY_MS, 0);
	}

	/**
	 * The page size of {@code GET /api/items}.
	 * @param raw the value, or {@code null}
	 * @return 1 to 100, 20 when absent
	 */
	public static int limit(@Nullable String raw) {
		return (int) integer("limit", raw, 1, Limits.MAX_LIMIT, Limits.DEFAULT_LIMIT);
	}

	/**
	 * The offset of {@code GET /api/items}.
	 * @param raw the value, or {@code null}
	 * @return 0 to 1000000, 0 when absent
	 */
	public static long offset(@Nullable String raw) {
		return integer("offset", raw, 0, Limits.MAX_OFFSET, 0);
	}

	/**
	 * The rounds of {@code GET /api/cpu}.
	 * @param raw the value, or {@code null}
	 * @return 1 to 5000000, 100000 when absent
	 */
	public static int iterations(@Nullable String raw) {
		return (int) integer("iterations", raw, 1, Limits.MAX_ITERATIONS, Limits.DEFAULT_ITERATIONS);
	}

	/**
	 * An item id in a path.
	 * @param raw the path segment
	 * @return a positive id
	 */
	public static long itemId(String raw) {
		return integer("id", raw, 1, Long.MAX_VALUE, 1);
	}

	/**
	 * The {@code after} of {@code GET /api/activity}.
	 * @param raw the value, or {@code null}
	 * @return 0 or more, 0 when absent
	 */
	public static long activityAfter(@Nullable String raw) {
		return integer("after", raw, 0, Long.MAX_VALUE, 0);
	}

	/**
	 * The {@code limit} of {@code GET /api/activity}.
	 * @param raw the value, or {@code null}
	 * @return 1 to 10000, 1000 when absent
	 */
	public static int activityLimit(@Nullable String raw) {
		return (int) integer("limit", raw, 1, Limits.MAX_ACTIVITY_LIMIT, Limits.DEFAULT_ACTIVITY_LIMIT);
	}

	/**
	 * The {@code max} of the lab's Tomcat thread knob; required.
	 * @param raw the value, or {@code null}
	 * @return 1 to 4000
	 */
	public static int tomcatMaxThreads(@Nullable String raw) {
		if (raw == null) {
			throw new LabException(ProblemKind.INVALID_PARAMETER, "max must be an integer from "
					+ Limits.MIN_TOMCAT_THREADS + " to " + Limits.MAX_TOMCAT_THREADS + "; got nothing.");
		}
		return (int) integer("max", raw, Limits.MIN_TOMCAT_THREADS, Limits.MAX_TOMCAT_THREADS, 0);
	}

	/**
	 * The {@code n} of {@code POST /api/lab/counter}: how many times to increment.
	 * @param raw the value, or {@code null}
	 * @return 1 to 10000, 1000 when absent
	 */
	public static int counterIncrements(@Nullable String raw) {
		return (int) integer("n", raw, 1, Limits.MAX_COUNTER_INCREMENTS, Limits.DEFAULT_COUNTER_INCREMENTS);
	}

	/**
	 * The {@code mode} of {@code POST /api/lab/counter}.
	 * @param raw {@code unsafe}, {@code atomic}, or {@code null}
	 * @return whether to increment atomically, {@code false} (unsafe) when absent
	 */
	public static boolean counterAtomic(@Nullable String raw) {
		if (raw == null || raw.equals("unsafe")) {
			return false;
		}
		if (raw.equals("atomic")) {
			return true;
		}
		throw new LabException(ProblemKind.INVALID_PARAMETER,
				"mode must be unsafe or atomic, not " + quote(raw, 40) + ".");
	}

	/**
	 * A switch such as {@code parallel} or {@code offload}.
	 * @param name the parameter's name
	 * @param raw {@code true}, {@code false}, or {@code null}
	 * @return the value, {@code false} when absent
	 */
	public static boolean flag(String name, @Nullable String raw) {
		if (raw == null || raw.equals("false")) {
			return false;
		}
		if (raw.equals("true")) {
			return true;
		}
		throw new LabException(ProblemKind.INVALID_PARAMETER,
				name + " must be true or false, not " + quote(raw, 40) + ".");
	}

	/**
	 * The lab switch {@code holdConnection}: whether a database delay holds a pooled
	 * connection while it waits.
	 * @param raw {@code true}, {@code false}, or {@code null}
	 * @return the value, {@code false} when absent
	 */
	public static boolean holdConnection(@Nullable String raw) {
		return flag("holdConnection", raw);
	}

	/**
	 * The name of a new item.
	 * @param raw the name from the body, or {@code null}
	 * @return the name, unchanged
	 */
	public static String itemName(@Nullable String raw) {
		if (raw == null) {
			throw LabException.unreadableItemBody();
		}
		int length = raw.codePointCount(0, raw.length());
		if (raw.isBlank() || length > Limits.MAX_NAME_LENGTH) {
			throw new LabException(ProblemKind.INVALID_BODY, "name must have 1 to " + Limits.MAX_NAME_LENGTH
					+ " characters and not be blank; it has " + length + ".");
		}
		return raw;
	}

	/**
	 * A file name in a path. Only the contract's characters pass, so no name can hold a
	 * separator, an encoded one, or a way out of the data folder.
	 * @param raw the decoded path segment
	 * @return the name, unchanged
	 */
	public static String fileName(String raw) {
		if (!FILE_NAME.matcher(raw).matches() || raw.equals(".") || raw.equals("..")) {
			throw new LabException(ProblemKind.INVALID_FILE_NAME,
					"A file name has 1 to 64 of A-Z a-z 0-9 . _ - and is not . or ..; got " + quote(raw, 80) + ".");
		}
		return raw;
	}

	/**
	 * Whether a caller's {@code X-Request-Id} may be used as the request's id.
	 * @param raw the header, or {@code null}
	 * @return whether it matches {@code [A-Za-z0-9._-]{1,64}}
	 */
	public static boolean isRequestId(@Nullable String raw) {
		return raw != null && REQUEST_ID.matcher(raw).matches();
	}

	/**
	 * Checks a request's raw query string as a whole, before any parameter is read: a
	 * parameter given twice, or given without {@code =}, is refused. Servlet containers
	 * join repeated values and WebFlux takes the first, and a bare name reads as an empty
	 * value on one and as absent on the other: refused, the same request gets the same
	 * answer everywhere.
	 * @param rawQuery the query after {@code ?}, still percent-encoded, or {@code null}
	 */
	public static void query(@Nullable String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return;
		}
		Set<String> names = new HashSet<>();
		for (String pair : rawQuery.split("&", -1)) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			if (equals < 0) {
				throw new LabException(ProblemKind.INVALID_PARAMETER,
						quote(name, 40) + " needs a value, as in name=value.");
			}
			if (!names.add(name)) {
				throw new LabException(ProblemKind.INVALID_PARAMETER,
						quote(name, 40) + " is given more than once; give it once.");
			}
		}
	}

	private static String decode(String raw) {
		try {
			return URLDecoder.decode(raw, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return raw; // a bad escape is the server's to refuse; the name is only quoted
		}
	}

	private static long integer(String name, @Nullable String raw, long min, long max, long absent) {
		if (raw == null) {
			return absent;
		}
		if (!isAsciiInteger(raw)) {
			// Long.parseLong takes any Unicode digit (Arabic-Indic, fullwidth) and a
			// leading '+': the contract's numbers are ASCII digits, with a '-' only so
			// that a negative one is named as out of range.
			throw outOfRange(name, raw, min, max);
		}
		long value;
		try {
			value = Long.parseLong(raw);
		}
		catch (NumberFormatException ex) {
			throw outOfRange(name, raw, min, max);
		}
		if (value < min || value > max) {
			throw outOfRange(name, raw, min, max);
		}
		return value;
	}

	private static boolean isAsciiInteger(String raw) {
		int start = (raw.startsWith("-")) ? 1 : 0;
		if (raw.length() == start) {
			return false;
		}
		for (int i = start; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static LabException outOfRange(String name, String raw, long min, long max) {
		String range = (max == Long.MAX_VALUE) ? min + " or more" : "from " + min + " to " + max;
		return new LabException(ProblemKind.INVALID_PARAMETER,
				name + " must be an integer " + range + "; got " + quote(raw, 40) + ".");
	}

	/**
	 * Quotes caller input for an error text: cut short, control characters replaced, so
	 * an answer never echoes more than a line of what was sent.
	 * @param raw the caller's text
	 * @param max how many characters to keep
	 * @return the text in single quotes
	 */
	static String quote(String raw, int max) {
		StringBuilder out = new StringBuilder(Math.min(raw.length(), max) + 5).append('\'');
		for (int i = 0; i < raw.length() && i < max; i++) {
			char c = raw.charAt(i);
			out.append(Character.isISOControl(c) ? '?' : c);
		}
		if (raw.length() > max) {
			out.append("...");
		}
		return out.append('\'').toString();
	}

}
