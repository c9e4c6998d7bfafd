package dev.threadlab.dashboard.load;

import java.net.URI;
import java.time.Duration;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
			assertThat(result.efficiency()).isBetween(0.5, 1.05);
			assertThat(result.latency().p50()).isBetween(200.0, 1000.0);
			assertThat(result.peakClientInFlight()).isEqualTo(20);
			assertThat(result.peakServerInFlight()).isGreaterThanOrEqualTo(0);
			assertThat(result.peakRssBytes()).isPositive();
			assertThat(result.engineCpu()).isBetween(0.0, 1.0);
		}
	}

	@Test
	void aClosedRunCanStopAfterNRequests() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/items/1", 10, 5, 42, Duration.ofSeconds(30), 0);
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
	void failuresAreCountedByKind() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/nowhere", 0, 2, 10, Duration.ofSeconds(10), 0);
			LoadResult result = this.engine.run(plan, stub.labApp(), null).block(Duration.ofSeconds(30));
			assertThat(result.ok()).isZero();
			assertThat(result.errors()).containsEntry("http 404", 10L);
		}
		LabApp gone = new LabApp("reactive", "event-loop", "nothing listens", URI.create("http://127.0.0.1:1"));
		LoadPlan plan = new LoadPlan(LoadPlan.Model.CLOSED, "/api/items/1", 0, 1, 3, Duration.ofSeconds(10), 0);
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
		LabApp remote = new LabApp("reactive", "event-loop", "elsewhere", URI.create("http://192.0.2.1:8082"));
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.engine.run(LoadPlan.closed("/api/items/1", 0, 1, Duration.ofSeconds(1)), remote, null)
					.block());
	}

}
