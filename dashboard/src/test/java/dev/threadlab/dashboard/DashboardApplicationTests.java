package dev.threadlab.dashboard;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole dashboard on a real port, watching two stub apps.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// The first page compiles its template and loads the bundles: on a busy two-core machine
// that took longer than the default 5 s.
@AutoConfigureWebTestClient(timeout = "PT30S")
class DashboardApplicationTests {

	private static final StubApp blocking = StubApp.start("blocking");

	private static final StubApp reactive = StubApp.start("reactive");

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private WebTestClient client;

	@Value("${lab.poll-interval}")
	private Duration pollInterval;

	@DynamicPropertySource
	static void labUrls(DynamicPropertyRegistry registry) {
		registry.add("lab.blocking-url", () -> blocking.labApp().url());
		registry.add("lab.reactive-url", () -> reactive.labApp().url());
		registry.add("lab.apps", () -> "blocking,reactive");
	}

	@AfterAll
	static void stopStubs() {
		blocking.close();
		reactive.close();
	}

	@Test
	void pageShowsEveryConfiguredAppAndEveryPreset() {
		this.client.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).value((html) -> {
			assertThat(html).contains("id=\"app-blocking\"", "id=\"app-reactive\"")
				.doesNotContain("id=\"app-virtual\"")
				.contains("data-preset=\"abc\"", "data-preset=\"wave-400\"", "data-preset=\"slow-file\"",
						"data-preset=\"cpu-heavy\"", "data-preset=\"sleep-on-loop\"")
				.contains("/webjars/uplot/dist/uPlot.esm.js")
				.doesNotContain("https://");
		});
	}

	@Test
	void pageSpeaksTheReadersLanguageFromAcceptLanguage() {
		assertThat(page("ko-KR,ko;q=0.9,en;q=0.5", null)).contains("<html lang=\"ko\"", "<title>threadlab</title>",
				MessageBundles.KO.get("page.lede"), MessageBundles.KO.get("preset.abc.story"));
		assertThat(page("en-US,en;q=0.9,ko;q=0.5", null)).contains("<html lang=\"en\"",
				MessageBundles.EN.get("page.lede"));
	}

	@Test
	void aLanguageTheDashboardDoesNotSpeakFallsBackToEnglish() {
		String html = page("fr-FR,de;q=0.8", null);
		assertThat(html).contains("<html lang=\"en\"", MessageBundles.EN.get("page.lede"));
		assertThat(page("ko", "xx")).as("an unknown ?lang= changes nothing").contains("<html lang=\"ko\"");
	}

	@Test
	void theSwitchOverridesAcceptLanguageAndIsRemembered() {
		this.client.get()
			.uri("/?lang=en")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ko-KR")
			.exchange()
			.expectStatus()
			.isOk()
			.expectCookie()
			.valueEquals("threadlab-lang", "en")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<html lang=\"en\""));
		this.client.get()
			.uri("/")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en-US")
			.cookie("threadlab-lang", "ko")
			.exchange()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<html lang=\"ko\"", MessageBundles.KO.get("page.lede")));
		this.client.get().uri("/?lang=xx").exchange().expectCookie().doesNotExist("threadlab-lang");
	}

	@Test
	void theScriptsGetTheWholeBundleInThePagesLanguage() {
		String html = page("ko", null);
		assertThat(html).contains("<script type=\"application/json\" id=\"messages\">")
			.contains("\"race.summary.answered\":\"" + MessageBundles.KO.get("race.summary.answered") + "\"")
			// Markup inside a message cannot close the script element early.
			.doesNotContain("\"load.caption.html\":\"" + MessageBundles.KO.get("load.caption.html").substring(0, 10)
					+ "</code>");
	}

	@Test
	void problemDetailsStayEnglishWhateverThePagesLanguage() {
		this.client.post()
			.uri("/api/races")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ko-KR")
			.cookie("threadlab-lang", "ko")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"preset\": \"no-such-preset\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("no such preset: no-such-preset");
	}

	private String page(String acceptLanguage, @Nullable String lang) {
		return this.client.get()
			.uri((lang != null) ? "/?lang=" + lang : "/")
			.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.values(HttpHeaders.VARY,
					(vary) -> assertThat(vary).contains(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void chartLibraryIsServedFromItsWebJar() {
		this.client.get().uri("/webjars/uplot/dist/uPlot.esm.js").exchange().expectStatus().isOk();
	}

	@Test
	void eventStreamStartsWithWhatHappenedLatelyThenEveryPoll() {
		Flux<ServerSentEvent<String>> events = this.client.get()
			.uri("/events")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody();
		StepVerifier.create(events.take(5)).assertNext((hello) -> {
			assertThat(hello.event()).isEqualTo("hello");
			assertThat(hello.data()).contains("\"apps\"", "\"recent\"");
		}).thenConsumeWhile((event) -> {
			assertThat(event.event()).isIn("sample", "activity");
			return true;
		}).verifyComplete();
	}

	@Test
	void twoBrowsersStillMeanAFewPollsASecondPerApp() throws InterruptedException {
		Disposable first = stream();
		Disposable second = stream();
		Thread.sleep(1_000);
		long blockingBefore = polls(blocking);
		long reactiveBefore = polls(reactive);
		Thread.sleep(3_000);
		double blockingRate = (polls(blocking) - blockingBefore) / 3.0;
		double reactiveRate = (polls(reactive) - reactiveBefore) / 3.0;
		first.dispose();
		second.dispose();
		// One poller per app, shared by every browser: at most one poll per interval (2
		// a second at 500 ms), not one per browser (4). A busy machine may poll late,
		// never not at all.
		double perInterval = 1000.0 / this.pollInterval.toMillis();
		assertThat(List.of(blockingRate, reactiveRate))
			.allSatisfy((rate) -> assertThat(rate).as("polls a second, one poller at %.1f a second", perInterval)
				.isPositive()
				.isLessThanOrEqualTo(perInterval * 1.5));
	}

	@Test
	void visitorsMayWatchButNeitherRaceNorLoadNorTurnKnobs(@Autowired ApplicationContext context) {
		// A mock request given another machine's address: nothing leaves this machine.
		InetSocketAddress elsewhere = new InetSocketAddress("203.0.113.7", 40_000);
		WebTestClient visitor = WebTestClient.bindToApplicationContext(context)
			.webFilter((exchange, chain) -> chain
				.filter(exchange.mutate().request((request) -> request.remoteAddress(elsewhere)).build()))
			.configureClient()
			.baseUrl("http://127.0.0.1:8080")
			.build();
		visitor.get().uri("/").exchange().expectStatus().isOk();
		visitor.get().uri("/api/knobs").exchange().expectStatus().isOk();
		visitor.put()
			.uri("/api/knobs/blocking/tomcat-threads?max=2")
			.header("Origin", "http://127.0.0.1:8080")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		visitor.post()
			.uri("/api/races")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"preset\":\"abc\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
		visitor.post()
			.uri("/api/load")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/api/knobs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].tomcatMaxThreads")
			.isEqualTo(200);
		this.client.get().uri("/api/races/current").exchange().expectStatus().isNoContent();
		this.client.get().uri("/api/load").exchange().expectStatus().isNoContent();
	}

	@Test
	void pageNamedByAForeignHostIsNotServed() {
		// Sent to 127.0.0.1, as a rebinding page's request would arrive.
		this.client.get()
			.uri("/")
			.header("Host", "rebound.evil.example")
			.exchange()
			.expectStatus()
			.isEqualTo(421)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private Disposable stream() {
		return this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/events")
			.exchange()
			.returnResult(EVENT)
			.getResponseBody()
			.subscribe();
	}

	/**
	 * The poller's ticks at an app: each tick asks for its threads once (and for its
	 * activity too, which would count every tick twice).
	 */
	private static long polls(StubApp app) {
		return app.threadPolls();
	}

}
