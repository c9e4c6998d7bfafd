package dev.threadlab.dashboard.race;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.live.LiveFeed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

/**
 * Tests for {@link RaceController}.
 */
@WebFluxTest(RaceController.class)
class RaceControllerTests {

	private static final LabApp BLOCKING = new LabApp("blocking", "thread-per-request", "Tomcat",
			URI.create("http://127.0.0.1:8081"));

	private static final LabApp REACTIVE = new LabApp("reactive", "event-loop", "Netty",
			URI.create("http://127.0.0.1:8082"));

	private WebTestClient client;

	@MockitoBean
	private RaceRunner runner;

	@MockitoBean
	private LiveFeed feed;

	/**
	 * The slice's own client sends mock requests with no remote address and no host,
	 * which the dashboard's access guard refuses: these come from this machine, to
	 * 127.0.0.1.
	 */
	@BeforeEach
	void fromThisMachine(@Autowired ApplicationContext context) {
		InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 40_000);
		this.client = WebTestClient.bindToApplicationContext(context)
			.webFilter((exchange, chain) -> chain
				.filter(exchange.mutate().request((request) -> request.remoteAddress(loopback)).build()))
			.configureClient()
			.baseUrl("http://127.0.0.1:8080")
			.build();
	}

	@Test
	void presetRaceStartsOnTheAppsThatAreNotDown() {
		given(this.feed.apps()).willReturn(List.of(BLOCKING, REACTIVE));
		given(this.feed.status("reactive")).willReturn("down");
		given(this.runner.start(any(), any())).willAnswer((invocation) -> new RaceInfo("r1", invocation.getArgument(0),
				List.of("blocking"), Instant.now(), Map.of(), List.of()));
		this.client.post()
			.uri("/api/races")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"preset\":\"abc\"}")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.plan.id")
			.isEqualTo("abc");
		org.mockito.BDDMockito.then(this.runner).should().start(RacePresets.ABC, List.of(BLOCKING));
	}

	@Test
	void raceOutOfBoundsIsAProblem() {
		given(this.feed.apps()).willReturn(List.of(BLOCKING));
		this.client.post()
			.uri("/api/races")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"endpoint\":\"items\",\"requests\":2001}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("requests"));
	}

	@Test
	void roundsOutsideTheKnobsBoundsAreAProblemAndStartNothing() {
		given(this.feed.apps()).willReturn(List.of(BLOCKING));
		for (String rounds : List.of("[200, 4001]", "[0]", "[200, 200]", "[1, 2, 3, 4, 5]", "[200, null]")) {
			this.client.post()
				.uri("/api/races")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"endpoint\":\"items\",\"tomcatThreads\":" + rounds + "}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.value((detail) -> assertThat(detail.toString()).as(rounds).contains("tomcatThreads"));
		}
		// Refused before any knob is turned or request sent.
		org.mockito.BDDMockito.then(this.runner).shouldHaveNoInteractions();
	}

	@Test
	void secondRaceWhileOneRunsIsAConflict() {
		given(this.feed.apps()).willReturn(List.of(BLOCKING));
		given(this.runner.start(any(), any())).willThrow(new RaceBusyException());
		this.client.post()
			.uri("/api/races")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"preset\":\"wave-400\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	@Test
	void curlCommandsAreGivenForEveryApp() {
		given(this.feed.apps()).willReturn(List.of(BLOCKING, REACTIVE));
		this.client.get()
			.uri("/api/curl?preset=abc")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.blocking")
			.value((text) -> assertThat(text.toString()).contains("http://127.0.0.1:8081/api/items/1?delayMs=3000"))
			.jsonPath("$.reactive")
			.value((text) -> assertThat(text.toString()).contains("http://127.0.0.1:8082/api/items/3?delayMs=200"));
	}

}
