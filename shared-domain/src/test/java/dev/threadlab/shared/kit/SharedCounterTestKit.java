package dev.threadlab.shared.kit;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;

import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code /api/lab/counter} on a running contender: the unsafe counter under concurrency
 * never ends above the increments sent (it may end below: lost updates), the atomic one
 * ends exactly at them, and bad values change nothing. Each app subclasses it with its
 * server started (the reactive one under BlockHound, since it counts on its event loops).
 * <p>
 * No test asserts that updates were lost: how many are depends on the cores and the
 * scheduler, and a machine may run a whole race without two requests overlapping. That
 * figure is the dashboard's {@code shared-counter} race to show, not a test's to demand.
 */
public abstract class SharedCounterTestKit extends RunningContender {

	private static final String COUNTER = "/api/lab/counter";

	private static final int REQUESTS = 40;

	private static final int INCREMENTS = 2000;

	@Test
	void unsafeCounterNeverEndsAboveTheIncrementsSent() {
		reset();
		List<Answer> answers = client().sendAll(REQUESTS, (i) -> post("?n=" + INCREMENTS + "&mode=unsafe"));
		answers.forEach((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
		long counted = value();
		long sent = (long) REQUESTS * INCREMENTS;
		System.out.printf("%s: unsafe counter, %d increments sent, %d counted, %d lost%n", contender().app(), sent,
				counted, sent - counted);
		assertThat(counted).isPositive().isLessThanOrEqualTo(sent);
	}

	@Test
	void atomicCounterEndsExactlyAtTheIncrementsSent() {
		reset();
		List<Answer> answers = client().sendAll(REQUESTS, (i) -> post("?n=" + INCREMENTS + "&mode=atomic"));
		answers.forEach((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
		assertThat(value()).isEqualTo((long) REQUESTS * INCREMENTS);
	}

	@Test
	void answerNamesItsModeIncrementsAndTheValueAfterThem() {
		reset();
		JsonNode atomic = ok(client().send(post("?n=5&mode=atomic")));
		assertThat(atomic.get("mode").asString()).isEqualTo("atomic");
		assertThat(atomic.get("n").asInt()).isEqualTo(5);
		assertThat(atomic.get("value").asLong()).isEqualTo(5);
		JsonNode defaults = ok(client().send(post("")));
		assertThat(defaults.get("mode").asString()).isEqualTo("unsafe");
		assertThat(defaults.get("n").asInt()).isEqualTo(Limits.DEFAULT_COUNTER_INCREMENTS);
		assertThat(defaults.get("value").asLong()).isEqualTo(5 + Limits.DEFAULT_COUNTER_INCREMENTS);
		assertThat(value()).isEqualTo(5 + Limits.DEFAULT_COUNTER_INCREMENTS);
	}

	@Test
	void deleteSetsTheCounterBackToZero() {
		ok(client().send(post("?n=3&mode=atomic")));
		Answer reset = client().send(client().request(COUNTER).DELETE().build());
		assertThat(ok(reset).get("value").asLong()).isZero();
		assertThat(value()).isZero();
	}

	@Test
	void badValuesAreRefusedAndChangeNothing() {
		reset();
		ok(client().send(post("?n=3&mode=atomic")));
		refused("?n=0", () -> Params.counterIncrements("0"));
		refused("?n=-1", () -> Params.counterIncrements("-1"));
		refused("?n=" + (Limits.MAX_COUNTER_INCREMENTS + 1),
				() -> Params.counterIncrements(String.valueOf(Limits.MAX_COUNTER_INCREMENTS + 1)));
		refused("?n=many", () -> Params.counterIncrements("many"));
		refused("?n=", () -> Params.counterIncrements(""));
		refused("?n=10&mode=sloppy", () -> Params.counterAtomic("sloppy"));
		refused("?mode=ATOMIC", () -> Params.counterAtomic("ATOMIC"));
		assertThat(value()).as("no refused request counted anything").isEqualTo(3);
	}

	private void refused(String query, Runnable sameInputInTheSharedCode) {
		LabException expected = catchThrowableOfType(LabException.class, sameInputInTheSharedCode::run);
		assertThat(expected).as("the shared code refuses %s", query).isNotNull();
		Answer answer = client().send(post(query));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.get("type").asString()).isEqualTo(ProblemKind.INVALID_PARAMETER.type().toString());
		assertThat(problem.get("title").asString()).isEqualTo(ProblemKind.INVALID_PARAMETER.title());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("detail").asString()).isEqualTo(expected.detail());
		assertThat(problem.get("instance").asString()).isEqualTo(COUNTER);
	}

	private HttpRequest post(String query) {
		return client().request(COUNTER + query).POST(BodyPublishers.noBody()).build();
	}

	private void reset() {
		assertThat(ok(client().send(client().request(COUNTER).DELETE().build())).get("value").asLong()).isZero();
	}

	private long value() {
		return ok(client().get(COUNTER)).get("value").asLong();
	}

	private static JsonNode ok(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
		return answer.json();
	}

}
