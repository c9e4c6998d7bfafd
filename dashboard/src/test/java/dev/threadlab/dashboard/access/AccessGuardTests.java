package dev.threadlab.dashboard.access;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AccessGuard}, in front of a controller that counts what reached it.
 * Every request is a mock one: callers from other machines are a remote address written
 * into it, and no request leaves this machine.
 */
class AccessGuardTests {

	/**
	 * An address of another machine (TEST-NET-3), only ever written into a mock request.
	 */
	private static final String VISITOR = "203.0.113.7";

	private final Counter counter = new Counter();

	@Test
	void foreignHostIsMisdirectedWhateverTheMethod() {
		WebTestClient client = client("127.0.0.1", List.of());
		for (String host : List.of("evil.example", "evil.example:8080", "127.evil.example:8080",
				"127.0.0.1.nip.io:8080", "localhost.evil.com", "localhost.:8080", "203.0.113.7:8080", "[::2]:8080",
				"127.0.0.1:8080@evil.example", "evil.example:8080:80", "::1", "[::1", "", "127.0.0.1:80a")) {
			client.get()
				.uri("/probe")
				.header("Host", host)
				.exchange()
				.expectStatus()
				.isEqualTo(421)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:threadlab:problem:misdirected-request")
				.jsonPath("$.instance")
				.isEqualTo("/probe");
		}
		client.post()
			.uri("/probe")
			.header("Host", "rebound.evil.example:8080")
			.header("Origin", "http://rebound.evil.example:8080")
			.exchange()
			.expectStatus()
			.isEqualTo(421)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("The dashboard does not answer for the host 'rebound.evil.example:8080'; "
					+ "it answers for localhost, loopback addresses and the names in lab.allowed-hosts.");
		assertThat(this.counter.reads.get()).isZero();
		assertThat(this.counter.changes.get()).isZero();
	}

	@Test
	void loopbackHostWithAnyPortIsAnswered() {
		WebTestClient client = client("127.0.0.1", List.of());
		for (String host : List.of("localhost", "localhost:8080", "LOCALHOST:9180", "127.0.0.1:8080", "127.0.0.1",
				"127.8.9.10:1", "[::1]:8080", "[::1]", "[0:0:0:0:0:0:0:1]:8080")) {
			client.get().uri("/probe").header("Host", host).exchange().expectStatus().isOk();
		}
		assertThat(this.counter.reads.get()).isEqualTo(9);
	}

	@Test
	void configuredHostIsAnsweredAndOnlyItAndVisitorsMayReadThere() {
		WebTestClient visitor = client(VISITOR, List.of("lab-host.example", " 192.0.2.10 ", "[fd00::10]"));
		visitor.get().uri("/probe").header("Host", "lab-host.example:8080").exchange().expectStatus().isOk();
		visitor.get().uri("/probe").header("Host", "LAB-HOST.example").exchange().expectStatus().isOk();
		visitor.get().uri("/probe").header("Host", "192.0.2.10:8080").exchange().expectStatus().isOk();
		visitor.get().uri("/probe").header("Host", "[fd00::10]:8080").exchange().expectStatus().isOk();
		visitor.get().uri("/probe").header("Host", "other.example:8080").exchange().expectStatus().isEqualTo(421);
		visitor.get()
			.uri("/probe")
			.header("Host", "lab-host.example.evil.com")
			.exchange()
			.expectStatus()
			.isEqualTo(421);
		assertThat(this.counter.reads.get()).isEqualTo(4);
	}

	@Test
	void nonLoopbackCallerMayChangeNothingWhateverItsHeadersClaim() {
		WebTestClient visitor = client(VISITOR, List.of("lab-host.example"));
		visitor.post()
			.uri("/probe")
			.header("Host", "lab-host.example:8080")
			.header("Origin", "http://lab-host.example:8080")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.json("""
					{"type": "urn:threadlab:problem:forbidden", "title": "Forbidden", "status": 403,
					 "detail": "POST '/probe' changes the lab or loads this machine: only callers on this machine (loopback) may send it; visitors may only read.",
					 "instance": "/probe"}
					""");
		visitor.put()
			.uri("/probe")
			.header("Host", "lab-host.example:8080")
			.header("X-Forwarded-For", "127.0.0.1")
			.header("Forwarded", "for=127.0.0.1")
			.exchange()
			.expectStatus()
			.isForbidden();
		client(VISITOR, List.of()).post()
			.uri("/probe")
			.header("Host", "127.0.0.1:8080")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.counter.changes.get()).isZero();
	}

	@Test
	void foreignPageMayChangeNothing() {
		WebTestClient client = client("127.0.0.1", List.of("lab-host.example"));
		for (String origin : List.of("http://evil.example", "http://evil.example:8080", "https://127.0.0.1:8080",
				"http://127.0.0.1:8081", "http://127.0.0.1", "http://localhost:8080", "http://lab-host.example:8080",
				"null", "file://", "http://127.0.0.1:8080@evil.example", "not a url",
				"http://127.0.0.1:8080.evil.example")) {
			client.post()
				.uri("/probe")
				.header("Host", "127.0.0.1:8080")
				.header("Origin", origin)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:threadlab:problem:forbidden");
		}
		// Without an Origin, a Referer says which page sent it.
		client.post()
			.uri("/probe")
			.header("Host", "127.0.0.1:8080")
			.header("Referer", "http://evil.example/attack.html")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.counter.changes.get()).isZero();
	}

	@Test
	void dashboardsOwnPageAndProgramsOnThisMachineMayChangeTheLab() {
		WebTestClient client = client("127.0.0.1", List.of());
		client.post()
			.uri("/probe")
			.header("Host", "127.0.0.1:8080")
			.header("Origin", "http://127.0.0.1:8080")
			.exchange()
			.expectStatus()
			.isOk();
		client.put()
			.uri("/probe")
			.header("Host", "localhost:9180")
			.header("Origin", "http://LOCALHOST:9180")
			.exchange()
			.expectStatus()
			.isOk();
		client.post()
			.uri("/probe")
			.header("Host", "[::1]:8080")
			.header("Origin", "http://[::1]:8080")
			.exchange()
			.expectStatus()
			.isOk();
		client.post()
			.uri("/probe")
			.header("Host", "localhost")
			.header("Origin", "http://localhost:80")
			.exchange()
			.expectStatus()
			.isOk();
		client.post()
			.uri("/probe")
			.header("Host", "127.0.0.1:8080")
			.header("Referer", "http://127.0.0.1:8080/?lang=ko")
			.exchange()
			.expectStatus()
			.isOk();
		// curl and scripts send no Origin; they are on this machine.
		client.post().uri("/probe").header("Host", "127.0.0.1:8080").exchange().expectStatus().isOk();
		client("::1", List.of()).post().uri("/probe").header("Host", "[::1]:8080").exchange().expectStatus().isOk();
		assertThat(this.counter.changes.get()).isEqualTo(7);
	}

	private WebTestClient client(String remoteAddress, List<String> allowedHosts) {
		// A literal: made into an address without a lookup.
		InetSocketAddress remote = new InetSocketAddress(remoteAddress, 40_000);
		WebFilter from = (exchange, chain) -> chain
			.filter(exchange.mutate().request((request) -> request.remoteAddress(remote)).build());
		return WebTestClient.bindToController(this.counter)
			.webFilter(from, new AccessGuard(allowedHosts, ServerCodecConfigurer.create()))
			.build();
	}

	@RestController
	static class Counter {

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger changes = new AtomicInteger();

		@GetMapping("/probe")
		String read() {
			this.reads.incrementAndGet();
			return "read";
		}

		@PostMapping("/probe")
		String post() {
			this.changes.incrementAndGet();
			return "changed";
		}

		@PutMapping("/probe")
		String put() {
			this.changes.incrementAndGet();
			return "changed";
		}

	}

}
