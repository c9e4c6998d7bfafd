package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one of a contender's JSON endpoints, once or every so often, for the bench's
 * probes ({@link CostProbe}, {@link PoolProbe}). It polls on a platform thread of its own
 * with a blocking client, so that the load engine's and the race's event loops are left
 * to the load; a poll that fails is a missed poll, never an error.
 */
final class JsonPoller implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final HttpRequest request;

	private final Duration every;

	private final Consumer<JsonNode> onRead;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * A poller, not started yet.
	 * @param base the contender's base URL
	 * @param path the endpoint, e.g. {@code /api/costs}
	 * @param every how often to poll once started
	 * @param name the polling thread's name
	 * @param onRead what to do with each answer the polls get
	 */
	JsonPoller(URI base, String path, Duration every, String name, Consumer<JsonNode> onRead) {
		this.request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build();
		this.every = every;
		this.onRead = onRead;
		this.thread = new Thread(this::poll, name);
		this.thread.setDaemon(true);
	}

	/**
	 * Starts polling.
	 */
	void start() {
		this.thread.start();
	}

	/**
	 * One read, on the calling thread.
	 * @return the answer, or {@code null} when there was none with status 200
	 */
	@Nullable JsonNode read() {
		try {
			HttpResponse<String> response = this.client.send(this.request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? JSON.readTree(response.body()) : null;
		}
		catch (IOException | JacksonException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private void poll() {
		while (this.running) {
			JsonNode answer = read();
			if (answer != null) {
				this.onRead.accept(answer);
			}
			try {
				Thread.sleep(this.every.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Stops polling and waits for the polling thread to end.
	 */
	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
