package dev.threadlab.shared.kit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for one contender's contract, over {@code java.net.http}: what the
 * contract test kit and the apps' own tests send with.
 */
public final class LabClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final HttpClient http;

	/**
	 * A client for the contender at a base URL.
	 * @param base the base URL, such as {@code http://127.0.0.1:8081}
	 */
	public LabClient(URI base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.executor(this.executor)
			.build();
	}

	/**
	 * The base URL.
	 * @return the URL requests are sent to
	 */
	public URI base() {
		return this.base;
	}

	/**
	 * A request builder for a path (with its query) on the contender.
	 * @param pathAndQuery such as {@code /api/items/1?delayMs=10}
	 * @return the builder, with a generous timeout
	 */
	public HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(this.base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
	}

	/**
	 * {@code GET} a path.
	 * @param pathAndQuery the path
	 * @return the answer
	 */
	public Answer get(String pathAndQuery) {
		return send(request(pathAndQuery).GET().build());
	}

	/**
	 * {@code GET} a path with headers.
	 * @param pathAndQuery the path
	 * @param headers header names and values
	 * @return the answer
	 */
	public Answer get(String pathAndQuery, Map<String, String> headers) {
		HttpRequest.Builder builder = request(pathAndQuery).GET();
		headers.forEach(builder::header);
		return send(builder.build());
	}

	/**
	 * {@code POST} a JSON body.
	 * @param pathAndQuery the path
	 * @param json the body
	 * @return the answer
	 */
	public Answer postJson(String pathAndQuery, String json) {
		return send(request(pathAndQuery).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * {@code PUT} raw bytes.
	 * @param pathAndQuery the path
	 * @param bytes the body
	 * @return the answer
	 */
	public Answer put(String pathAndQuery, byte[] bytes) {
		return send(request(pathAndQuery).header("Content-Type", "application/octet-stream")
			.PUT(BodyPublishers.ofByteArray(bytes))
			.build());
	}

	/**
	 * Sends any method.
	 * @param method the method
	 * @param pathAndQuery the path
	 * @param contentType the body's type, or {@code null} for no body
	 * @param body the body
	 * @return the answer
	 */
	public Answer send(String method, String pathAndQuery, String contentType, byte[] body) {
		HttpRequest.Builder builder = request(pathAndQuery);
		BodyPublisher publisher = (body.length == 0) ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body);
		if (!contentType.isEmpty()) {
			builder.header("Content-Type", contentType);
		}
		return send(builder.method(method, publisher).build());
	}

	/**
	 * Sends a request and waits for the whole answer.
	 * @param request the request
	 * @return the answer
	 */
	public Answer send(HttpRequest request) {
		return sendAsync(request).join();
	}

	/**
	 * Sends a request without waiting.
	 * @param request the request
	 * @return the answer to come
	 */
	public CompletableFuture<Answer> sendAsync(HttpRequest request) {
		long start = System.nanoTime();
		return this.http.sendAsync(request, BodyHandlers.ofByteArray())
			.thenApply((response) -> new Answer(response, (System.nanoTime() - start) / 1_000_000.0));
	}

	/**
	 * Sends requests all at once and waits for every answer.
	 * @param requests the requests
	 * @return the answers, in the order of the requests
	 */
	public List<Answer> sendAll(List<HttpRequest> requests) {
		List<CompletableFuture<Answer>> answers = new ArrayList<>(requests.size());
		for (HttpRequest request : requests) {
			answers.add(sendAsync(request));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Sends {@code count} requests at once, each made from its index.
	 * @param count how many
	 * @param request makes the i-th request
	 * @return the answers, in index order
	 */
	public List<Answer> sendAll(int count, Function<Integer, HttpRequest> request) {
		List<HttpRequest> requests = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			requests.add(request.apply(i));
		}
		return sendAll(requests);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

	/**
	 * An answer with its body, and how long the client waited for it.
	 *
	 * @param response the response
	 * @param clientMs the time from sending to the whole body, in milliseconds
	 */
	public record Answer(HttpResponse<byte[]> response, double clientMs) {

		/**
		 * The status code.
		 * @return the status
		 */
		public int status() {
			return this.response.statusCode();
		}

		/**
		 * A header's first value.
		 * @param name the header
		 * @return the value, or an empty string
		 */
		public String header(String name) {
			return this.response.headers().firstValue(name).orElse("");
		}

		/**
		 * The body as bytes.
		 * @return the bytes
		 */
		public byte[] bytes() {
			return this.response.body();
		}

		/**
		 * The body as text.
		 * @return the text
		 */
		public String text() {
			return new String(this.response.body(), StandardCharsets.UTF_8);
		}

		/**
		 * The body as JSON.
		 * @return the tree
		 */
		public JsonNode json() {
			try {
				return JSON.readTree(this.response.body());
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("Not JSON (status " + status() + "): " + text(), ex);
			}
		}

		@Override
		public String toString() {
			return this.response.request().method() + " " + this.response.uri() + " -> " + status() + " " + text();
		}

	}

}
