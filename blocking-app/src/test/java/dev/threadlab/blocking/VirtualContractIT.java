package dev.threadlab.blocking;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared contract test kit against the third contender ({@link VirtualContender#H2}),
 * and what only that contender does.
 */
class VirtualContractIT extends ContractTestKit {

	@BeforeAll
	static void startVirtualContender() {
		VirtualContender.H2.url();
	}

	@Test
	void fourHundredSlowRequestsNeedNoThreadEach() {
		try (LabClient client = new LabClient(baseUrl())) {
			// A fresh JVM on a busy build machine: let both sides load and compile the
			// request path, and open their 400 connections, before the clock runs. What
			// is
			// timed is then the model, not class loading and 400 TCP handshakes at once.
			client.sendAll(400, (i) -> client.request("/api/items/1?delayMs=200").build());
			AtomicInteger mostLive = new AtomicInteger();
			AtomicInteger mostVirtual = new AtomicInteger();
			long start = System.nanoTime();
			CompletableFuture<List<Answer>> race = CompletableFuture
				.supplyAsync(() -> client.sendAll(400, (i) -> client.request("/api/items/1?delayMs=1000").build()));
			while (!race.isDone()) {
				JsonNode threads = client.get("/api/threads").json();
				mostLive.accumulateAndGet(threads.get("live").asInt(), Math::max);
				mostVirtual.accumulateAndGet(threads.get("virtualThreads").asInt(), Math::max);
				sleep(100);
			}
			List<Answer> answers = race.join();
			long elapsedMs = (System.nanoTime() - start) / 1_000_000;
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
			int liveAfter = client.get("/api/threads").json().get("live").asInt();
			System.out.printf("virtual: 400 x 1 s in %d ms; live platform threads at most %d during, %d after; "
					+ "%d virtual threads at once%n", elapsedMs, mostLive.get(), liveAfter, mostVirtual.get());
			assertThat(elapsedMs).isLessThan(3_000);
			assertThat(mostLive.get()).isPositive().isLessThan(60);
			assertThat(liveAfter).isLessThan(60);
			// Most of them waited at the same time, each on a virtual thread of its own.
			assertThat(mostVirtual.get()).isGreaterThanOrEqualTo(100);
		}
	}

	@Test
	void threadSnapshotShowsTheConnectionPoolAndPinnedEvents() {
		JsonNode threads = this.client().get("/api/threads").json();
		assertThat(threads.get("dbPool").get("name").asString()).isEqualTo("hikari");
		assertThat(threads.get("dbPool").get("max").asInt()).isEqualTo(10);
		// JFR's jdk.VirtualThreadPinned is recorded: a count, not null.
		assertThat(threads.get("pinnedEvents").isNumber()).as(threads.toString()).isTrue();
	}

	@Test
	void tomcatThreadKnobIsAConflictWithoutAPool() {
		Answer resize = this.client().send("PUT", "/api/lab/knobs/tomcat-threads?max=20", "", new byte[0]);
		assertThat(resize.status()).as(resize.toString()).isEqualTo(409);
		assertThat(resize.header("Content-Type")).startsWith("application/problem+json");
		assertThat(resize.json().get("detail").asString()).contains("virtual thread");
		assertThat(this.client().get("/api/lab/knobs").json().get("tomcatMaxThreads").isNull()).isTrue();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected URI baseUrl() {
		return VirtualContender.H2.url();
	}

	@Override
	protected Contender contender() {
		return Contender.VIRTUAL;
	}

}
