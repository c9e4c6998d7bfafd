package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.lab.LabProcess;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a waiting request costs each model, as a structure and not a figure: 200 requests
 * parked on blocking-app hold 200 platform threads and their stacks, on reactive-app a
 * few event loops. Both jars run as the benchmark runs them
 * ({@link LabProcess#FIXED_HEAP}: one fixed heap and Native Memory Tracking, which must
 * be on when the JVM starts, so not in a test's own JVM). It lives here because the
 * comparison needs both apps' jars, and this module's tests are the ones that get them.
 * The virtual contender's side is blocking-app's {@code VirtualCostsIT}.
 */
class ThreadCostTests {

	private static final int PARKED = 200;

	/**
	 * Long enough that the first request still waits when the last arrives, even on a
	 * busy build machine where a fresh JVM takes seconds to accept 200 connections.
	 */
	private static final int DELAY_MS = 30_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void parkedRequestsCostBlockingAThreadAndItsStackEachAndReactiveNeither() throws Exception {
		Path blockingJar = jar("threadlab.blocking-jar");
		Path reactiveJar = jar("threadlab.reactive-jar");
		require(Files.isRegularFile(blockingJar) && Files.isRegularFile(reactiveJar),
				"the apps' jars are not built: " + blockingJar + ", " + reactiveJar + " (run ./mvnw verify)");
		Path workDir = Files.createTempDirectory("threadlab-costs");
		// One at a time: two JVMs loaded at once on a small machine would only slow each
		// other down, and the stacks of one do not depend on the other.
		// Blocking-app gets 20 threads more than it has requests parked: with all of its
		// threads waiting, it could not answer the reads of /api/threads and /api/costs
		// until the parked requests were done, which is its model, but not what is
		// measured here.
		Parked blocking = park("blocking", blockingJar, workDir,
				List.of("--server.tomcat.threads.max=" + (PARKED + 20)));
		Parked reactive = park("reactive", reactiveJar, workDir, List.of());
		System.out.printf(
				"%d parked requests: blocking %d platform threads, %d KB of stacks; reactive %d platform "
						+ "threads, %d KB of stacks%n",
				PARKED, blocking.platformThreads(), blocking.stacksBytes() >> 10, reactive.platformThreads(),
				reactive.stacksBytes() >> 10);
		assertThat(blocking.platformThreads()).as("a thread per parked request").isGreaterThanOrEqualTo(PARKED);
		assertThat(reactive.platformThreads()).as("no thread per parked request").isLessThan(PARKED / 2);
		assertThat(blocking.stacksBytes()).as("a stack per thread")
			.isGreaterThanOrEqualTo(4 * reactive.stacksBytes())
			.isPositive();
	}

	/**
	 * Starts an app, parks {@link #PARKED} requests of 30 s on it, reads its costs while
	 * they wait, lets them finish and stops it.
	 */
	private static Parked park(String name, Path jar, Path workDir, List<String> args) throws Exception {
		// No try-with-resources for the client: it is AutoCloseable only from Java 21.
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		try (LabProcess app = LabProcess.start(name, Path.of(System.getProperty("java.home"), "bin", "java"), jar, 0,
				workDir, args)) {
			URI base = URI.create(app.url());
			assertThat(costs(client, base).path("memory").path("threadStacksCommittedBytes").isNumber())
				.as("Native Memory Tracking is on")
				.isTrue();
			List<CompletableFuture<HttpResponse<String>>> parked = new ArrayList<>();
			for (int i = 0; i < PARKED; i++) {
				parked.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/api/items/1?delayMs=" + DELAY_MS))
					.timeout(Duration.ofSeconds(120))
					.build(), HttpResponse.BodyHandlers.ofString()));
			}
			// Read while they all wait: the in-flight count says when they have arrived.
			long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
			int inFlight = 0;
			while (inFlight < PARKED && System.nanoTime() < deadline) {
				Thread.sleep(100);
				inFlight = get(client, base, "/api/threads").path("inFlight").asInt();
			}
			assertThat(inFlight).as(name + ": requests waiting at once").isEqualTo(PARKED);
			JsonNode memory = costs(client, base).path("memory");
			Parked result = new Parked(memory.path("platformThreads").asInt(),
					memory.path("threadStacksCommittedBytes").asLong());
			assertThat(parked).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
			return result;
		}
	}

	private static JsonNode costs(HttpClient client, URI base) throws IOException, InterruptedException {
		return get(client, base, "/api/costs");
	}

	private static JsonNode get(HttpClient client, URI base, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static Path jar(String property) {
		return Paths.get(System.getProperty(property, "missing.jar")).toAbsolutePath().normalize();
	}

	/**
	 * Skips when the jars are missing, except on CI, where that must fail the build.
	 */
	private static void require(boolean present, String what) {
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(what);
		}
		assumeTrue(present, what);
	}

	/**
	 * What an app held with its requests parked.
	 *
	 * @param platformThreads its live platform threads
	 * @param stacksBytes its platform threads' committed stacks
	 */
	private record Parked(int platformThreads, long stacksBytes) {
	}

}
