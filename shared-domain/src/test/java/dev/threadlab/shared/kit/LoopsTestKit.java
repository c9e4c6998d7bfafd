package dev.threadlab.shared.kit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/loops} on a running contender: its shape, what an idle server shows,
 * and where requests in progress show up in each model. Each app subclasses it with its
 * server started; a contender's own structural claims (a held loop, a full request pool)
 * are in the app's {@code LoopsTests}.
 */
public abstract class LoopsTestKit extends RunningContender {

	private static final String EVENT_LOOP = "reactor-http-(epoll|nio|kqueue|io_uring)-\\d+";

	@Test
	void loopsAnswerWithTheModelsShape() {
		JsonNode loops = loops();
		assertThat(loops.get("app").asString()).isEqualTo(contender().app());
		assertThat(loops.get("model").asString()).isEqualTo(contender().model());
		assertThat(Instant.parse(loops.get("sampledAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(loops.get("loops").isArray()).isTrue();
		assertThat(loops.get("pools").isArray()).isTrue();
		assertThat(loops.get("notes").isObject()).isTrue();
		if (contender() == Contender.REACTIVE) {
			assertThat(loops.get("loops").size()).as("one per event loop").isPositive();
			for (JsonNode loop : loops.get("loops")) {
				assertLoop(loop);
			}
			List<String> pools = new ArrayList<>();
			for (JsonNode pool : loops.get("pools")) {
				pools.add(pool.get("name").asString());
				assertPool(pool);
			}
			assertThat(pools).containsExactly("parallel", "boundedElastic", "file-io");
			assertThat(loops.get("requestPool").isNull()).isTrue();
			assertThat(loops.get("virtualScheduler").isNull()).isTrue();
			assertThat(loops.get("notes").get("requestPool").asString()).isNotBlank();
			assertThat(loops.get("notes").get("virtualScheduler").asString()).isNotBlank();
		}
		else {
			assertThat(loops.get("loops").size()).as("no event loop in this model").isZero();
			assertThat(loops.get("pools").size()).isZero();
			assertThat(loops.get("notes").get("loops").asString()).isNotBlank();
		}
		if (contender() == Contender.BLOCKING) {
			JsonNode pool = loops.get("requestPool");
			assertThat(pool.get("name").asString()).isEqualTo("tomcat");
			assertThat(pool.get("max").asInt()).isPositive();
			assertThat(pool.get("threads").asInt()).isBetween(1, pool.get("max").asInt());
			assertThat(pool.get("busy").asInt()).as("this request's own thread at least")
				.isBetween(1, pool.get("threads").asInt());
			assertThat(pool.get("queued").asInt()).isNotNegative();
			assertThat(pool.get("connections").asLong()).as("this request's connection at least").isPositive();
			assertThat(loops.get("notes").get("requestPool.queued").asString()).contains("accept backlog");
			assertThat(loops.get("virtualScheduler").isNull()).isTrue();
		}
		if (contender() == Contender.VIRTUAL) {
			assertThat(loops.get("requestPool").isNull()).isTrue();
			assertThat(loops.get("notes").get("requestPool").asString()).contains("virtual thread");
			assertVirtualScheduler(loops);
		}
	}

	@Test
	void anIdleServersLoopsWaitInTheSelectorWithLittleLag() {
		if (contender() != Contender.REACTIVE) {
			assertThat(loops().get("loops").size()).isZero();
			return;
		}
		pause(2_500); // two turns of the monitor: a utilisation, and a second of probes
		JsonNode loops = loops().get("loops");
		List<String> states = new ArrayList<>();
		for (JsonNode loop : loops) {
			states.add(loop.get("state").asString());
			// Generous: the probe is due every 20 ms and runs within a millisecond on an
			// idle loop, but the build machine is shared.
			assertThat(loop.get("lagMs").get("now").asDouble()).as(loop.toString()).isLessThan(100);
			assertThat(loop.get("utilization").asDouble()).as(loop.toString()).isLessThan(0.5);
		}
		// The stack sample sees the real wait: were the selector's native frame not
		// recognised, every idle loop would read "running".
		assertThat(states).as("idle loops sit in epoll_wait or select").contains("waiting");
	}

	@Test
	void requestsInProgressShowWhereTheyWait() {
		// Three requests that wait a while each: on a request thread (blocking), on a
		// virtual thread (virtual), offloaded to Reactor's worker pool (reactive; on
		// an event loop it would hold the loop, which the app's own test shows).
		String path = (contender() == Contender.REACTIVE) ? "/api/sleep?delayMs=1500&offload=true"
				: "/api/sleep?delayMs=1500";
		List<CompletableFuture<Answer>> waiting = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			waiting.add(client().sendAsync(client().request(path).build()));
		}
		pause(500);
		JsonNode loops = loops();
		switch (contender()) {
			case REACTIVE -> {
				JsonNode workers = pool(loops, "boundedElastic");
				assertThat(workers.get("busy").asInt()).as(workers.toString()).isGreaterThanOrEqualTo(3);
				assertThat(workers.get("threads").asInt()).isGreaterThanOrEqualTo(3);
			}
			case BLOCKING -> assertThat(loops.get("requestPool").get("busy").asInt()).as("three sleeping and this one")
				.isGreaterThanOrEqualTo(4);
			case VIRTUAL -> {
				// No pool to fill: the sleepers are unmounted from their carriers, and
				// what is mounted never outnumbers the carriers.
				assertThat(loops.get("requestPool").isNull()).isTrue();
				assertVirtualScheduler(loops);
			}
		}
		assertThat(waiting).allSatisfy((answer) -> assertThat(answer.join().status()).isEqualTo(200));
	}

	/**
	 * {@code GET /api/loops}, expecting 200.
	 * @return the body
	 */
	protected JsonNode loops() {
		Answer answer = client().get("/api/loops");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		return answer.json();
	}

	/**
	 * One pool of a snapshot by name.
	 * @param loops the snapshot
	 * @param name the pool's name
	 * @return the pool
	 */
	protected static JsonNode pool(JsonNode loops, String name) {
		for (JsonNode pool : loops.get("pools")) {
			if (pool.get("name").asString().equals(name)) {
				return pool;
			}
		}
		throw new AssertionError("no pool " + name + " in " + loops);
	}

	private static void assertLoop(JsonNode loop) {
		assertThat(loop.get("thread").asString()).matches(EVENT_LOOP);
		assertThat(loop.get("pool").asString()).isEqualTo("event-loop");
		assertThat(loop.get("state").asString()).isIn("waiting", "running", "blocked");
		JsonNode lag = loop.get("lagMs");
		double now = lag.get("now").asDouble();
		double p50 = lag.get("p50").asDouble();
		double p99 = lag.get("p99").asDouble();
		double max = lag.get("max").asDouble();
		assertThat(now).as(loop.toString()).isNotNegative();
		assertThat(p50).as(loop.toString()).isNotNegative().isLessThanOrEqualTo(p99);
		assertThat(max).as(loop.toString()).isGreaterThanOrEqualTo(p99).isGreaterThanOrEqualTo(now);
		assertThat(loop.get("utilization").asDouble()).as(loop.toString()).isBetween(0.0, 1.0);
		assertThat(loop.get("pendingTasks").asInt()).isNotNegative();
	}

	private static void assertPool(JsonNode pool) {
		assertThat(pool.get("pool").asString()).isIn("worker-pool", "timers");
		int threads = pool.get("threads").asInt();
		assertThat(pool.get("max").asInt()).as(pool.toString()).isPositive();
		assertThat(threads).as(pool.toString()).isNotNegative();
		assertThat(pool.get("busy").asInt()).as(pool.toString()).isBetween(0, threads);
		assertThat(pool.get("queued").asInt()).as(pool.toString()).isNotNegative();
	}

	private void assertVirtualScheduler(JsonNode loops) {
		int java = Integer
			.parseInt(client().get("/api/threads").json().get("javaVersion").asString().split("[.+-]")[0]);
		JsonNode scheduler = loops.get("virtualScheduler");
		if (java < 24) {
			assertThat(scheduler.isNull()).isTrue();
			assertThat(loops.get("notes").get("virtualScheduler").asString()).contains("JDK 24");
			return;
		}
		assertThat(scheduler.get("parallelism").asInt()).isPositive();
		int carriers = scheduler.get("poolSize").asInt();
		// The virtual thread answering this very request was mounted while it read.
		assertThat(scheduler.get("mounted").asInt()).as(scheduler.toString()).isBetween(1, carriers);
		assertThat(scheduler.get("queued").asLong()).isNotNegative();
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
