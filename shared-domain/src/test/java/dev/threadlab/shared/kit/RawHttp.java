package dev.threadlab.shared.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests no well-behaved client sends, written byte for byte to a socket: malformed
 * heads, bodies trickled or cut short, pipelined garbage. Only loopback contenders.
 */
public final class RawHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String host;

	private final int port;

	/**
	 * A raw client for the contender at a base URL.
	 * @param base such as {@code http://127.0.0.1:8081}
	 */
	public RawHttp(URI base) {
		this.host = base.getHost();
		this.port = base.getPort();
	}

	/**
	 * A request head (request line, {@code Host}, the given headers and
	 * {@code Connection: close}) followed by a body.
	 * @param requestLine such as {@code GET /api/items/1 HTTP/1.1}
	 * @param body the body, sent as is
	 * @param headers whole header lines, without line ends
	 * @return the bytes
	 */
	public static byte[] request(String requestLine, byte[] body, String... headers) {
		StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		head.append("Connection: close\r\n\r\n");
		return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
	}

	/**
	 * Bytes one after another.
	 * @param parts the parts
	 * @return them joined
	 */
	public static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/**
	 * Sends bytes and reads the first answer that is not informational.
	 * @param bytes the request
	 * @return the answer
	 */
	public Reply send(byte[] bytes) {
		return exchange(List.of(bytes), Duration.ZERO, false, 1).get(0);
	}

	/**
	 * Sends bytes and reads every answer until the server closes.
	 * @param bytes one or more requests, pipelined
	 * @return the answers, in order
	 */
	public List<Reply> sendAll(byte[] bytes) {
		return exchange(List.of(bytes), Duration.ZERO, false, Integer.MAX_VALUE);
	}

	/**
	 * Sends parts with a pause between each, then reads the answer.
	 * @param parts the request, cut into parts
	 * @param pause the wait between two parts
	 * @return the answer
	 */
	public Reply trickle(List<byte[]> parts, Duration pause) {
		return exchange(parts, pause, false, 1).get(0);
	}

	/**
	 * Sends bytes, then closes the sending side (a body cut short), and reads what comes
	 * back, if anything.
	 * @param bytes the request
	 * @return the answers, none when the server just closed
	 */
	public List<Reply> sendAndHangUp(byte[] bytes) {
		return exchange(List.of(bytes), Duration.ZERO, true, Integer.MAX_VALUE);
	}

	private List<Reply> exchange(List<byte[]> parts, Duration pause, boolean hangUp, int wanted) {
		try (Socket socket = new Socket(this.host, this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				for (int i = 0; i < parts.size(); i++) {
					if (i > 0) {
						Thread.sleep(pause.toMillis());
					}
					out.write(parts.get(i));
					out.flush();
				}
				if (hangUp) {
					socket.shutdownOutput();
				}
			}
			catch (IOException ex) {
				// The server answered and closed before it read everything: read on.
			}
			return read(socket.getInputStream(), wanted);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<Reply> read(InputStream in, int wanted) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] chunk = new byte[64 * 1024];
		List<Reply> replies = new ArrayList<>();
		boolean closed = false;
		while (!closed) {
			int read;
			try {
				read = in.read(chunk);
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				read = -1;
			}
			if (read < 0) {
				closed = true;
			}
			else {
				received.write(chunk, 0, read);
			}
			replies = parse(received.toByteArray(), closed);
			if (replies.size() >= wanted) {
				return replies.subList(0, wanted);
			}
		}
		return replies;
	}

	/** Every complete answer in the bytes; when closed, the rest as one answer. */
	private static List<Reply> parse(byte[] bytes, boolean closed) {
		List<Reply> replies = new ArrayList<>();
		int at = 0;
		while (at < bytes.length) {
			if (!startsWith(bytes, at, "HTTP/")) {
				// An HTTP/0.9 answer: no status line, the body runs to the close.
				if (closed) {
					replies.add(new Reply(0, Map.of(), slice(bytes, at, bytes.length)));
				}
				return replies;
			}
			int end = indexOf(bytes, at, "\r\n\r\n");
			if (end < 0) {
				return replies;
			}
			String[] lines = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
			}
			int bodyStart = end + 4;
			int[] bodyEnd = { bodyStart };
			// An informational answer (100 Continue) has no body.
			byte[] body = (status < 200) ? new byte[0] : body(bytes, bodyStart, headers, closed, bodyEnd);
			if (body == null) {
				return replies;
			}
			if (status >= 200) {
				replies.add(new Reply(status, headers, body));
			}
			at = bodyEnd[0];
		}
		return replies;
	}

	private static byte[] body(byte[] bytes, int start, Map<String, String> headers, boolean closed, int[] end) {
		if (headers.getOrDefault("transfer-encoding", "").contains("chunked")) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = start;
			while (true) {
				int lineEnd = indexOf(bytes, at, "\r\n");
				if (lineEnd < 0) {
					return null;
				}
				int size = Integer.parseInt(new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1).trim(),
						16);
				if (size == 0) {
					int trailerEnd = indexOf(bytes, lineEnd, "\r\n\r\n");
					if (trailerEnd < 0) {
						return null;
					}
					end[0] = trailerEnd + 4;
					return body.toByteArray();
				}
				if (lineEnd + 2 + size + 2 > bytes.length) {
					return null;
				}
				body.write(bytes, lineEnd + 2, size);
				at = lineEnd + 2 + size + 2;
			}
		}
		String length = headers.get("content-length");
		if (length != null) {
			int size = Integer.parseInt(length);
			if (start + size > bytes.length) {
				if (!closed) {
					return null;
				}
				size = bytes.length - start; // an answer to HEAD: the length, no body
			}
			end[0] = start + size;
			return slice(bytes, start, start + size);
		}
		if (!closed) {
			return null;
		}
		end[0] = bytes.length;
		return slice(bytes, start, bytes.length);
	}

	private static boolean startsWith(byte[] bytes, int at, String prefix) {
		if (bytes.length - at < prefix.length()) {
			return false;
		}
		return new String(bytes, at, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
	}

	private static int indexOf(byte[] bytes, int from, String text) {
		byte[] needle = text.getBytes(StandardCharsets.ISO_8859_1);
		outer: for (int i = from; i <= bytes.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] slice(byte[] bytes, int from, int to) {
		byte[] out = new byte[to - from];
		System.arraycopy(bytes, from, out, 0, out.length);
		return out;
	}

	/**
	 * One answer read off the socket.
	 *
	 * @param status the status code, 0 for an HTTP/0.9 answer (no status line)
	 * @param headers header names in lower case, repeated ones joined with commas
	 * @param body the body, de-chunked
	 */
	public record Reply(int status, Map<String, String> headers, byte[] body) {

		/**
		 * A header, or an empty string.
		 * @param name the name, in any case
		 * @return the value
		 */
		public String header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
		}

		/**
		 * The body as UTF-8 text.
		 * @return the text
		 */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/**
		 * The body as JSON.
		 * @return the tree
		 */
		public JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Not JSON: " + this, ex);
			}
		}

		@Override
		public String toString() {
			String text = text();
			return this.status + " " + this.headers + " " + ((text.length() > 500) ? text.substring(0, 500) : text);
		}

	}

}
