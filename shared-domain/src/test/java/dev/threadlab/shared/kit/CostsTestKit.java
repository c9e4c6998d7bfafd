package dev.threadlab.shared.kit;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.threads.ThreadPool;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/costs} on a running contender: its shape, counters that never fall, and
 * {@code requests.completed} rising by exactly the requests sent. Each app subclasses it
 * with its server started (the reactive one under BlockHound, where a read that blocked
 * an event loop would fail the test).
 * <p>
 * Exact, not "at least": the lab's own reads ({@code /api/costs}, {@code /api/threads})
 * are not traced, so they do not count; the kit waits until nothing is in flight before
 * its first read, so a request left by another test is not counted either; and a test JVM
 * runs its test classes one after another, so nothing else sends meanwhile.
 */
public abstract class CostsTestKit extends RunningContender {

	private static final int REQUESTS = 25;

	@Test
	void costsHaveTheirShape() {
		JsonNode costs = costs();
		assertThat(costs.get("app").asString()).isEqualTo(contender().app());
		assertThat(costs.get("model").asString()).isEqualTo(contender().model());
		assertThat(Instant.parse(costs.get("sampledAt").asString())).isBeforeOrEqualTo(Instant.now());

		JsonNode cpu = costs.get("cpu");
		assertThat(cpu.get("processMs").asDouble()).isPositive();
		assertThat(cpu.get("byPool").propertyNames()).containsExactlyElementsOf(poolLabels());
		assertThat(cpu.get("byPool").get("other").asDouble()).as("the JVM's own threads have run").isPositive();

		JsonNode switches = costs.get("contextSwitches");
		List<String> notes = costs.get("notes").valueStream().map(JsonNode::asString).toList();
		if (switches.get("voluntary").isNull()) {
			assertThat(switches.get("involuntary").isNull()).isTrue();
			assertThat(switches.get("byPool").isNull()).isTrue();
			assertThat(notes).anySatisfy((note) -> assertThat(note).startsWith("contextSwitches:"));
		}
		else {
			assertThat(switches.get("voluntary").asLong()).isPositive();
			assertThat(switches.get("involuntary").asLong()).isNotNegative();
			assertThat(switches.get("byPool").propertyNames()).containsExactlyElementsOf(poolLabels());
			long voluntary = switches.get("byPool")
				.valueStream()
				.mapToLong((pool) -> pool.get("voluntary").asLong())
				.sum();
			assertThat(voluntary).as("the pools add up to the total").isEqualTo(switches.get("voluntary").asLong());
		}

		JsonNode memory = costs.get("memory");
		assertThat(memory.get("heapUsedBytes").asLong()).isPositive();
		assertThat(memory.get("heapCommittedBytes").asLong())
			.isGreaterThanOrEqualTo(memory.get("heapUsedBytes").asLong());
		assertThat(memory.get("platformThreads").asInt()).isPositive();
		assertThat(memory.get("virtualThreads").asInt()).isNotNegative();
		nullOnlyWithANote(memory.get("rssBytes"), notes, "memory.rssBytes:");
		nullOnlyWithANote(memory.get("threadStacksCommittedBytes"), notes, "threadStacksCommittedBytes:");
		assertThat(costs.get("requests").get("completed").isIntegralNumber()).as(costs.toString()).isTrue();
	}

	@Test
	void countersNeverFallBetweenTwoReads() {
		JsonNode before = costs();
		ok(client().sendAll(REQUESTS, (i) -> client().request("/api/cpu?iterations=1000").build()));
		// Reads less than 1 s apart share one pass over the threads (CONTRACT.md): wait
		// for a fresh one.
		pause(1100);
		JsonNode after = costs();
		assertThat(after.get("cpu").get("processMs").asDouble())
			.isGreaterThan(before.get("cpu").get("processMs").asDouble());
		for (String pool : poolLabels()) {
			assertThat(after.get("cpu").get("byPool").get(pool).asDouble()).as(pool)
				.isGreaterThanOrEqualTo(before.get("cpu").get("byPool").get(pool).asDouble());
		}
		JsonNode switchesBefore = before.get("contextSwitches");
		JsonNode switchesAfter = after.get("contextSwitches");
		if (!switchesBefore.get("voluntary").isNull()) {
			for (String kind : List.of("voluntary", "involuntary")) {
				assertThat(switchesAfter.get(kind).asLong()).as(kind)
					.isGreaterThanOrEqualTo(switchesBefore.get(kind).asLong());
				for (String pool : poolLabels()) {
					assertThat(switchesAfter.get("byPool").get(pool).get(kind).asLong()).as(pool + " " + kind)
						.isGreaterThanOrEqualTo(switchesBefore.get("byPool").get(pool).get(kind).asLong());
				}
			}
			assertThat(switchesAfter.get("voluntary").asLong()).as("answering requests means waiting for them")
				.isGreaterThan(switchesBefore.get("voluntary").asLong());
		}
		assertThat(after.get("requests").get("completed").asLong())
			.isGreaterThan(before.get("requests").get("completed").asLong());
	}

	@Test
	void completedRisesByExactlyTheRequestsSent() {
		awaitNothingInFlight();
		long before = costs().get("requests").get("completed").asLong();
		ok(client().sendAll(REQUESTS, (i) -> client().request("/api/items/" + (1 + i % 5)).build()));
		// Reads in between are the lab's own probes: not counted.
		costs();
		client().get("/api/threads");
		long after = costs().get("requests").get("completed").asLong();
		assertThat(after - before).isEqualTo(REQUESTS);
	}

	@Test
	void aParkedRequestIsCountedWhenAnswered() {
		awaitNothingInFlight();
		long before = costs().get("requests").get("completed").asLong();
		var parked = client().sendAsync(client().request("/api/items/1?delayMs=600").build());
		pause(200);
		assertThat(costs().get("requests").get("completed").asLong()).as("still waiting").isEqualTo(before);
		ok(List.of(parked.join()));
		assertThat(costs().get("requests").get("completed").asLong()).isEqualTo(before + 1);
	}

	/**
	 * One read of {@code /api/costs}, checked to be a JSON 200.
	 * @return the body
	 */
	protected JsonNode costs() {
		Answer answer = client().get("/api/costs");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		return answer.json();
	}

	private void awaitNothingInFlight() {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (client().get("/api/threads").json().get("inFlight").asInt() > 0 && System.nanoTime() < deadline) {
			pause(50);
		}
	}

	private static void nullOnlyWithANote(JsonNode field, List<String> notes, String prefix) {
		if (field.isNull()) {
			assertThat(notes).anySatisfy((note) -> assertThat(note).startsWith(prefix));
		}
		else {
			assertThat(field.asLong()).isPositive();
		}
	}

	private static List<String> poolLabels() {
		return Arrays.stream(ThreadPool.values()).map(ThreadPool::label).toList();
	}

	private static void ok(List<Answer> answers) {
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
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
