package dev.threadlab.shared.kit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contender as the benchmark starts it to measure what tracing costs,
 * {@code lab.trace.enabled=false}: every answer keeps its shape with
 * {@code "trace": null}, and no request leaves a mark. With tracing on, the
 * {@link ContractTestKit} checks the opposite. Each app subclasses it with its server
 * started that way.
 */
public abstract class TracingOffTestKit extends RunningContender {

	@Test
	void itemIsAnsweredWithANullTraceAndNoRequestId() {
		Answer answer = client().get("/api/items/1", Map.of("X-Request-Id", "off-1"));
		JsonNode body = ok(answer);
		assertThat(body.get("item").get("id").asLong()).isEqualTo(1);
		assertThat(body.get("item").get("name").asString()).isEqualTo("item-1");
		assertThat(body.has("trace")).as("the field is kept, as null").isTrue();
		assertThat(body.get("trace").isNull()).isTrue();
		assertThat(answer.response().headers().firstValue("X-Request-Id")).isEmpty();
	}

	@Test
	void everyTracedEndpointKeepsItsShapeWithANullTrace() {
		String name = "off-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".bin";
		// The sleep is offloaded: on an event loop it would be a blocking call.
		List<Answer> answers = List.of(client().get("/api/items?limit=2"),
				client().postJson("/api/items", "{\"name\": \"untraced\"}"), client().get("/api/files/sample-4k.txt"),
				client().put("/api/files/" + name, randomBytes(100)), client().get("/api/mixed?parallel=true"),
				client().get("/api/cpu?iterations=1"), client().get("/api/sleep?delayMs=1&offload=true"));
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isBetween(200, 201);
			assertThat(answer.json().has("trace")).as(answer.toString()).isTrue();
			assertThat(answer.json().get("trace").isNull()).as(answer.toString()).isTrue();
			assertThat(answer.response().headers().firstValue("X-Request-Id")).as(answer.toString()).isEmpty();
		});
	}

	@Test
	void problemCarriesNoRequestId() {
		Answer answer = client().get("/api/items/999999", Map.of("X-Request-Id", "off-404"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
		assertThat(answer.json().has("requestId")).as(answer.toString()).isFalse();
		assertThat(answer.response().headers().firstValue("X-Request-Id")).isEmpty();
	}

	@Test
	void activityStaysEmptyAndThreadsStillAnswerWithNothingInFlight() {
		List<CompletableFuture<Answer>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waiting.add(client().sendAsync(client().request("/api/items/1?delayMs=1000").build()));
		}
		pause(300); // long enough for the three to be waiting out their delay
		JsonNode threads = ok(client().get("/api/threads"));
		assertThat(threads.get("app").asString()).isEqualTo(contender().app());
		assertThat(threads.get("live").asInt()).isPositive();
		assertThat(threads.get("inFlight").asInt()).as("only the tracer counts requests in flight").isZero();
		assertThat(waiting).allSatisfy((answer) -> ok(answer.join()));

		JsonNode activity = ok(client().get("/api/activity"));
		assertThat(activity.get("items").size()).as(activity.toString()).isZero();
		assertThat(activity.get("next").asLong()).isZero();
	}

	@Test
	void costsCountNoRequestAndSayWhy() {
		client().get("/api/items/1");
		JsonNode costs = ok(client().get("/api/costs"));
		assertThat(costs.get("requests").get("completed").isNull()).as(costs.toString()).isTrue();
		assertThat(costs.get("notes").toString()).contains("lab.trace.enabled=false");
	}

	private static JsonNode ok(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
