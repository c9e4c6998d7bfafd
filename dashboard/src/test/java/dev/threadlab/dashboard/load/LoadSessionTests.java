package dev.threadlab.dashboard.load;

import java.time.Duration;
import java.util.List;

import dev.threadlab.dashboard.StubApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoadSession}: the load panel's runs.
 */
class LoadSessionTests {

	private final LoadEngine engine = LoadEngine.create(WebClient.create());

	@AfterEach
	void close() {
		this.engine.close();
	}

	@Test
	void eachChosenAppIsLoadedInTurnAndEverySecondIsReported() {
		try (StubApp blocking = StubApp.start("blocking"); StubApp reactive = StubApp.start("reactive")) {
			LoadSession session = new LoadSession(this.engine, List.of(blocking.labApp(), reactive.labApp()));
			LoadForm form = new LoadForm(List.of("reactive", "blocking"), "/api/items/1", 100, "closed", 10, null, 2,
					1);
			StepVerifier
				.create(session.updates()
					.takeUntil((update) -> update.state() != null && !update.state().running())
					.filter((update) -> update.type().equals("progress"))
					.count())
				.then(() -> session.start(form))
				.assertNext((seconds) -> assertThat(seconds).isGreaterThanOrEqualTo(2))
				.expectComplete()
				.verify(Duration.ofSeconds(30));
			LoadState done = session.current();
			assertThat(done.running()).isFalse();
			assertThat(done.error()).isNull();
			assertThat(done.results()).extracting(LoadResult::app).containsExactly("reactive", "blocking");
			assertThat(done.results()).allSatisfy((result) -> {
				assertThat(result.ok()).isPositive();
				assertThat(result.warmupSent()).isPositive();
			});
		}
	}

	@Test
	void oneRunAtATimeAndOnlyOnConfiguredApps() {
		try (StubApp stub = StubApp.start("reactive")) {
			LoadSession session = new LoadSession(this.engine, List.of(stub.labApp()));
			assertThatIllegalArgumentException().isThrownBy(
					() -> session.start(new LoadForm(List.of("virtual"), null, null, null, null, null, 1, null)));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> session.start(new LoadForm(null, "/actuator/env", null, null, null, null, 1, null)));
			assertThatIllegalArgumentException()
				.isThrownBy(() -> session.start(new LoadForm(null, null, null, "closed", 20_000, null, 1, null)));
			session.start(new LoadForm(null, null, 200, "open", null, 20, 1, null));
			assertThatExceptionOfType(LoadBusyException.class)
				.isThrownBy(() -> session.start(new LoadForm(null, null, 200, "closed", 2, null, 1, null)));
		}
	}

}
