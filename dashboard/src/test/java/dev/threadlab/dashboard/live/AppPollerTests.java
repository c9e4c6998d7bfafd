package dev.threadlab.dashboard.live;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AppPoller}.
 */
class AppPollerTests {

	private final StubApp stub = StubApp.start("blocking");

	private final WebClient client = WebClient.create();

	@AfterEach
	void stop() {
		this.stub.close();
	}

	@Test
	void appThatAnswersIsUpWithItsThreadsThenItsActivity() {
		this.client.get()
			.uri(this.stub.labApp().resolve("/api/items/7?delayMs=0"))
			.retrieve()
			.toBodilessEntity()
			.block();
		StepVerifier.create(poller(this.stub.labApp()).pollOnce()).assertNext((event) -> {
			AppSample sample = (AppSample) event;
			assertThat(sample.status()).isEqualTo("up");
			assertThat(sample.threads().live()).isEqualTo(24);
		}).assertNext((event) -> {
			AppActivity activity = (AppActivity) event;
			assertThat(activity.items()).singleElement().satisfies((entry) -> {
				assertThat(entry.path()).isEqualTo("/api/items/7");
				assertThat(entry.startThread()).isEqualTo("stub-1");
			});
		}).verifyComplete();
	}

	@Test
	void activityIsAskedFromWhereTheLastPollEnded() {
		AppPoller poller = poller(this.stub.labApp());
		this.client.get().uri(this.stub.labApp().resolve("/api/items/1")).retrieve().toBodilessEntity().block();
		poller.pollOnce().blockLast();
		this.client.get().uri(this.stub.labApp().resolve("/api/items/2")).retrieve().toBodilessEntity().block();
		StepVerifier.create(poller.pollOnce())
			.expectNextMatches(AppSample.class::isInstance)
			.assertNext((event) -> assertThat(((AppActivity) event).items()).singleElement()
				.satisfies((entry) -> assertThat(entry.path()).isEqualTo("/api/items/2")))
			.verifyComplete();
		assertThat(this.stub.activityAfters()).containsExactly(0L, 1L);
	}

	@Test
	void appThatRefusesConnectionsIsDown() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		LabApp nowhere = new LabApp("blocking", "thread-per-request", "gone", URI.create("http://127.0.0.1:" + port));
		StepVerifier.create(poller(nowhere).pollOnce()).assertNext((event) -> {
			AppSample sample = (AppSample) event;
			assertThat(sample.status()).isEqualTo("down");
			assertThat(sample.threads()).isNull();
			assertThat(sample.problem()).isEqualTo("connection refused");
		}).verifyComplete();
	}

	@Test
	void appThatTakesTheConnectionButDoesNotAnswerIsStalled() {
		this.stub.answerThreadsAfter(Duration.ofSeconds(2));
		StepVerifier.create(poller(this.stub.labApp()).pollOnce())
			.assertNext((event) -> assertThat(((AppSample) event).status()).isEqualTo("stalled"))
			.verifyComplete();
	}

	@Test
	void aSlowAppIsNeverAskedTwiceAtOnce() {
		// Ticks every 50 ms, answers after 300 ms: the ticks in between are dropped.
		this.stub.answerThreadsAfter(Duration.ofMillis(300));
		AppPoller poller = new AppPoller(this.stub.labApp(), this.client, Duration.ofMillis(50), Duration.ofSeconds(5));
		poller.events().take(Duration.ofMillis(1_000)).blockLast();
		assertThat(this.stub.threadPolls()).isBetween(1L, 5L);
	}

	@Test
	void loopsAreAskedOnANewConnectionEachPollAndOnlyThereWhenItAnswers() {
		// Six seconds for the poll: a kept connection would be tried only after one.
		AppPoller poller = loopsPoller(Duration.ofSeconds(6));
		poller.pollOnce().blockLast();
		poller.pollOnce().blockLast();
		assertThat(this.stub.loopsPolls()).hasSize(2)
			.allSatisfy((poll) -> assertThat(poll).endsWith(" close"))
			.doesNotHaveDuplicates();
	}

	@Test
	void aLoopsPollWithoutAQuickAnswerIsAskedAgainOnAKeptConnection() {
		// The new connection's loop is held, or the loop that accepts connections is.
		this.stub.answerFirstLoopsAfter(Duration.ofSeconds(10));
		StepVerifier.create(loopsPoller(Duration.ofSeconds(3)).pollOnce().take(1)).assertNext((event) -> {
			AppSample sample = (AppSample) event;
			assertThat(sample.status()).isEqualTo("up");
			assertThat(sample.loops()).isNotNull();
			assertThat(sample.loops().get("loops").get(0).get("state").asString()).isEqualTo("blocked");
		}).verifyComplete();
		assertThat(this.stub.loopsPolls().get(0)).endsWith(" close");
		assertThat(this.stub.loopsPolls()).anySatisfy((poll) -> assertThat(poll).endsWith(" keep-alive"));
	}

	@Test
	void aStalledAppStillShowsTheLoopsThatAnswered() {
		this.stub.answerThreadsAfter(Duration.ofSeconds(10));
		StepVerifier.create(loopsPoller(Duration.ofSeconds(4)).pollOnce()).assertNext((event) -> {
			AppSample sample = (AppSample) event;
			assertThat(sample.status()).isEqualTo("stalled");
			assertThat(sample.threads()).isNull();
			assertThat(sample.loops()).isNotNull();
		}).verifyComplete();
	}

	private AppPoller loopsPoller(Duration timeout) {
		WebClient loops = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.newConnection().keepAlive(false)))
			.build();
		return new AppPoller(this.stub.labApp(), this.client, loops, Duration.ofMillis(500), timeout);
	}

	private AppPoller poller(LabApp app) {
		return new AppPoller(app, this.client, Duration.ofMillis(500), Duration.ofMillis(500));
	}

}
