package dev.threadlab.dashboard.load;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoadEngine} against a stub app that waits with a timer.
 */
class LoadEngineTests {

	private final LoadEngine engine = LoadEngine.create(WebClient.create());

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void closedClientsGetCloseToConcurrencyOverDelay() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 200, 20, Duration.ofSeconds(2));
			LoadResult result = this.engine.run(plan, stub.labApp(), ProcessHandle.current().pid())
				.block(Duration.ofSeconds(30));
			assertThat(result.errors()).isEmpty();
			// 20 clients, 200 ms each, for 2 s: about 200 answers at 100 a second
			assertThat(result.ok()).isBetween(120L, 220L);
			// A server that answers everyone at once in D gives C clients C/D: the engine
			// reaches most of it. Fewer clients than asked (10 of 20 would be 0.5) or
			// clients that wait between requests fall short; counting more answers than
			// came back goes over.
			assertThat(result.efficiency()).as("throughput %.1f/s of 100/s", result.throughput()).isBetween(0.7, 1.05);
			assertThat(result.latency().p50()).isBetween(200.0, 1000.0);
			assertThat(result.peakClientInFlight()).isEqualTo(20);
			// The stub always says 0 in flight; -1 would mean the engine never sampled
			// it.
			assertThat(result.peakServerInFlight()).isZero();
			assertThat(result.peakRssBytes()).isPositive();
			assertThat(result.engineCpu()).isBetween(0.0, 1.0);
		}
	}

	@Test
	void closedClientsGetNoMoreThanAServerLimitedToTAtOnceCanGive() {
		// 20 clients, 200 ms each, but the server takes 4 at a time: its ceiling is
		// 4 / 200 ms = 20 a second, a fifth of the clients' 100. An engine that counted
		// what it sent, or did not wait for answers, would go over it.
		try (LoadStub four = LoadStub.servers(4)) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 200, 20, Duration.ofSeconds(2));
			LoadResult result = this.engine.run(plan, four.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.errors()).isEmpty();
			assertThat(result.throughput()).as("answers a second against a ceiling of 20").isBetween(14.0, 21.0);
			assertThat(result.efficiency()).as("the ceiling's share of the clients' 100/s").isBetween(0.14, 0.21);
			// The other 16 clients wait in the server's queue: the latency says so.
			assertThat(result.latency().p50()).isGreaterThanOrEqualTo(600.0);
			assertThat(result.peakClientInFlight()).isEqualTo(20);
		}
	}

	@Test
	void aClosedRunCanStopAfterNRequests() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/items/1", 10, 5, 42, Duration.ofSeconds(30), 0,
					Duration.ZERO);
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.sent()).isEqualTo(42);
			assertThat(result.ok()).isEqualTo(42);
			assertThat(result.peakRssBytes()).isEqualTo(-1);
		}
	}

	@Test
	void anOpenRunSendsItsRateWhateverTheAnswers() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = LoadPlan.open("/api/items/1", 300, 50, Duration.ofSeconds(2));
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.sent()).isEqualTo(100);
			assertThat(result.ok()).isEqualTo(100);
			// 50 a second, each in flight for 300 ms: about 15 at once, never one
			// client's worth
			assertThat(result.peakClientInFlight()).isBetween(10L, 60L);
			assertThat(result.latency().p50()).isGreaterThanOrEqualTo(300.0);
			assertThat(result.elapsedMs()).isBetween(2000L, 6000L);
		}
	}

	@Test
	void whatIsSentInTheWarmUpIsNotCounted() {
		// The first wave of a cold server takes 2 s more: the measured latencies show it
		// without a warm-up, and never after one.
		LoadPlan plan = LoadPlan.closed("/api/items/1", 100, 10, Duration.ofSeconds(2));
		try (LoadStub cold = LoadStub.cold(10, Duration.ofSeconds(2))) {
			LoadResult result = this.engine.run(plan, cold.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.warmupSent()).isZero();
			assertThat(result.latency().max()).isGreaterThanOrEqualTo(2000.0);
		}
		try (LoadStub cold = LoadStub.cold(10, Duration.ofSeconds(2))) {
			LoadResult result = this.engine.run(plan.withWarmup(Duration.ofSeconds(3)), cold.labApp(), null)
				.block(Duration.ofSeconds(30));
			assertThat(result.latency().max()).isLessThan(1500.0);
			// the cold wave and the clients' requests after it, sent but not counted
			assertThat(result.warmupSent()).isGreaterThanOrEqualTo(20);
			assertThat(result.sent() + result.warmupSent()).isEqualTo(cold.arrivals());
			assertThat(result.ok()).isEqualTo(result.sent()).isBetween(60L, 220L);
			assertThat(result.latency().count()).isEqualTo(result.sent());
			assertThat(result.errors()).isEmpty();
			// measured from the end of the warm-up: 2 s and the last answer, not 5 s
			assertThat(result.elapsedMs()).isBetween(1900L, 4000L);
			// 10 clients, 100 ms each: at most 100 a second
			assertThat(result.throughput()).isBetween(50.0, 105.0);
		}
	}

	@Test
	void afterAWarmUpThroughputCountsTheAnswersWithinTheMeasuredDuration() {
		// 40 clients on 2 servers of 100 ms each: 20 a second, after 2 s in the queue.
		// The answers to the requests sent in the 2 measured seconds come in over 4 s,
		// behind the queue the warm-up left; the server's rate is what arrives within the
		// 2 s.
		try (LoadStub queue = LoadStub.servers(2)) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 100, 40, Duration.ofSeconds(2))
				.withWarmup(Duration.ofSeconds(1));
			LoadResult result = this.engine.run(plan, queue.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.errors()).isEmpty();
			assertThat(result.throughput()).isBetween(15.0, 21.0);
			assertThat(result.latency().p50()).isGreaterThanOrEqualTo(1500.0);
			assertThat(result.elapsedMs()).isGreaterThanOrEqualTo(3000L);
		}
	}

	@Test
	void afterAWarmUpClientsDoNotAnswerInWaves() {
		// 20 clients, 1 s each, 2.5 s measured. Started together they would answer in
		// waves, one each second, and 2.5 s would hold 3 waves (24 a second) or 2 (16);
		// spread over the warm-up, they answer evenly: 20 a second.
		try (LoadStub stub = LoadStub.start()) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, 20, Duration.ofMillis(2500))
				.withWarmup(Duration.ofSeconds(2));
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.errors()).isEmpty();
			assertThat(result.throughput()).isBetween(17.0, 22.0);
			assertThat(result.latency().p50()).isBetween(1000.0, 1500.0);
		}
	}

	@Test
	void anOpenRunsWarmUpIsTheFirstPartOfItsSchedule() {
		try (LoadStub stub = LoadStub.start()) {
			LoadPlan plan = LoadPlan.open("/api/items/1", 100, 50, Duration.ofSeconds(2))
				.withWarmup(Duration.ofSeconds(1));
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.warmupSent()).isEqualTo(50);
			assertThat(result.sent()).isEqualTo(100);
			assertThat(result.ok()).isEqualTo(100);
			assertThat(stub.arrivals()).isEqualTo(150);
			// 50 a second within the 2 measured seconds, not 150 answers over 2 s
			assertThat(result.throughput()).isBetween(35.0, 55.0);
		}
	}

	@Test
	void progressSaysWhenItIsWarmingUp() {
		try (LoadStub stub = LoadStub.start()) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 100, 5, Duration.ofSeconds(2))
				.withWarmup(Duration.ofSeconds(2));
			List<LoadProgress> ticks = new CopyOnWriteArrayList<>();
			Disposable watching = this.engine.progress().subscribe(ticks::add);
			try {
				this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			}
			finally {
				watching.dispose();
			}
			assertThat(ticks).extracting(LoadProgress::warmingUp).contains(true, false);
			// warming up first, then measuring, never back
			List<Boolean> phases = ticks.stream().map(LoadProgress::warmingUp).toList();
			assertThat(phases.lastIndexOf(true)).isLessThan(phases.indexOf(false));
		}
	}

	@Test
	void residentMemoryComesFromThePidTheAppTells() {
		long pid = ProcessHandle.current().pid();
		Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
		LoadPlan plan = LoadPlan.closed("/api/items/1", 10, 2, Duration.ofSeconds(1));
		try (LoadStub stub = LoadStub.withInfo(info(pid, started))) {
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.peakRssBytes()).isPositive();
		}
		// a pid from another process table, such as a container's
		try (LoadStub stub = LoadStub.withInfo(info(pid, started.minus(Duration.ofHours(1))))) {
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.peakRssBytes()).isEqualTo(-1);
		}
	}

	private static String info(long pid, Instant started) {
		return """
				{"app":{"name":"reactive-app"},"process":{"cpus":2,"owner":"lab","parentPid":1,"pid":%d,
				"startTime":"%s","uptime":"PT10S"}}""".formatted(pid, started);
	}

	@Test
	void failuresAreCountedByKind() {

		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/nowhere", 0, 2, 10, Duration.ofSeconds(10), 0,
					Duration.ZERO);
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.ok()).isZero();
			assertThat(result.errors()).containsEntry("http 404", 10L);
		}
		LabApp gone = new LabApp("reactive", "event-loop", "nothing listens", URI.create("http://127.0.0.1:1"));
		LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/items/1", 0, 1, 3, Duration.ofSeconds(10), 0,
				Duration.ZERO);
		LoadResult result = this.engine.run(plan, gone, null).block(Duration.ofSeconds(30));
		assertThat(result.errors()).containsEntry("connect", 3L);
	}

	@Test
	void oneRunAtATime() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = LoadPlan.closed("/api/items/1", 500, 2, Duration.ofSeconds(1));
			Mono<LoadResult> first = this.engine.run(plan, stub.labApp(), null).cache();
			first.subscribe();
			assertThat(this.engine.busy()).isTrue();
			assertThatExceptionOfType(LoadBusyException.class)
				.isThrownBy(() -> this.engine.run(plan, stub.labApp(), null).block());
			first.block(Duration.ofSeconds(30));
			assertThat(this.engine.busy()).isFalse();
		}
	}

	@Test
	void loadOnlyGoesToThisMachine() {
		// 127.evil.example passed the old prefix check; it is a name, never resolved.
		for (String url : List.of("http://192.0.2.1:8082", "http://127.evil.example:8082")) {
			LabApp remote = new LabApp("reactive", "event-loop", "elsewhere", URI.create(url));
			assertThatIllegalArgumentException().isThrownBy(
					() -> this.engine.run(LoadPlan.closed("/api/items/1", 0, 1, Duration.ofSeconds(1)), remote, null)
						.block());
		}
		assertThat(this.engine.busy()).isFalse();
	}

}
