package dev.threadlab.blocking;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model in one test: with ten request threads, twenty requests that each park their
 * thread for 500 ms are served in two waves by exactly those ten threads; and the lab's
 * knob that shrinks the pool while the app runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.tomcat.threads.max=10", "lab.knobs.enabled=true" })
class TenWorkerThreadsTests {

	@LocalServerPort
	private int port;

	@Test
	void shrunkToTwoThreadsSixSlowRequestsNeedThreeWaves() {
		try (LabClient client = new LabClient(URI.create("http://127.0.0.1:" + this.port))) {
			JsonNode knobs = ok(client.send("PUT", "/api/lab/knobs/tomcat-threads?max=2", "", new byte[0]));
			assertThat(knobs.get("tomcatMaxThreads").asInt()).isEqualTo(2);
			assertThat(knobs.get("tomcatMinSpareThreads").asInt()).isEqualTo(2);
			try {
				long start = System.nanoTime();
				List<JsonNode> traces = client.sendAll(6, (i) -> client.request("/api/sleep?delayMs=500").build())
					.stream()
					.map((answer) -> ok(answer).get("trace"))
					.toList();
				long elapsedMs = (System.nanoTime() - start) / 1_000_000;
				assertThat(traces.stream().map((trace) -> trace.get("startThread").asString()).distinct())
					.hasSizeBetween(1, 2);
				assertThat(elapsedMs).isBetween(1_400L, 10_000L);
				// The third wave was taken up only when a thread of the second came free.
				List<Instant> received = traces.stream()
					.map((trace) -> Instant.parse(trace.get("receivedAt").asString()))
					.sorted()
					.toList();
				assertThat(Duration.between(received.get(0), received.get(received.size() - 1)))
					.isGreaterThanOrEqualTo(Duration.ofMillis(900));
			}
			finally {
				knobs = ok(client.send("PUT", "/api/lab/knobs/tomcat-threads?max=10", "", new byte[0]));
			}
			assertThat(knobs.get("tomcatMaxThreads").asInt()).isEqualTo(10);
			assertThat(knobs.get("tomcatMinSpareThreads").asInt()).isEqualTo(10);
			// Turning a knob is not part of a race: it stays out of the activity.
			assertThat(ok(client.get("/api/activity")).get("items").toString()).doesNotContain("/api/lab/");
		}
	}

	@Test
	void twentySlowRequestsOnTenThreadsNeedTwoWaves() {
		List<Answer> answers;
		long elapsedMs;
		try (LabClient client = new LabClient(URI.create("http://127.0.0.1:" + this.port))) {
			long start = System.nanoTime();
			answers = client.sendAll(20, (i) -> client.request("/api/items/1?delayMs=500").build());
			elapsedMs = (System.nanoTime() - start) / 1_000_000;
		}
		List<JsonNode> traces = answers.stream().map((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			return answer.json().get("trace");
		}).toList();
		Set<String> threads = traces.stream()
			.map((trace) -> trace.get("startThread").asString())
			.collect(Collectors.toSet());
		assertThat(threads).hasSize(10);
		assertThat(elapsedMs).isBetween(950L, 10_000L);
		// The second wave was not taken up until a thread of the first came free.
		List<Instant> received = traces.stream()
			.map((trace) -> Instant.parse(trace.get("receivedAt").asString()))
			.sorted()
			.toList();
		assertThat(Duration.between(received.get(0), received.get(received.size() - 1)))
			.isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	private static JsonNode ok(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

}
