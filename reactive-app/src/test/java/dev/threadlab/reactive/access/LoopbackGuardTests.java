package dev.threadlab.reactive.access;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;

import dev.threadlab.shared.kit.LabClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties.ForwardHeadersStrategy;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackGuard}. Visitors are mock requests given a remote address of
 * another machine: no request ever leaves this one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoopbackGuardTests {

	/**
	 * An address of another machine (TEST-NET-3), only ever written into a mock request.
	 */
	private static final String VISITOR = "203.0.113.7";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ServerProperties server;

	@LocalServerPort
	private int port;

	@Test
	void visitorMayNeitherAddAnItemNorUploadAFileWhateverItsHeadersClaim() {
		WebTestClient visitor = from(VISITOR);
		JsonNode newItems = read(visitor, "/api/items?offset=1000&limit=100").get("items");
		JsonNode files = read(visitor, "/api/files").get("files");

		visitor.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"from a visitor\"}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.json("""
					{"type": "urn:threadlab:problem:forbidden", "title": "Forbidden", "status": 403,
					 "detail": "POST '/api/items' changes the lab or loads this machine: only callers on this machine (loopback) may send it; visitors may only read.",
					 "instance": "/api/items"}
					""");
		visitor.put()
			.uri("/api/files/from-a-visitor.txt")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[] { 1, 2, 3 })
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		// What a caller writes about itself is not where it is.
		visitor.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", "127.0.0.1")
			.header("X-Real-IP", "127.0.0.1")
			.header("Forwarded", "for=127.0.0.1;proto=http;by=127.0.0.1")
			.bodyValue("{\"name\": \"from a visitor\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
		visitor.put()
			.uri("/api/files/from-a-visitor.txt")
			.header("X-Forwarded-For", "127.0.0.1")
			.bodyValue(new byte[] { 1 })
			.exchange()
			.expectStatus()
			.isForbidden();

		assertThat(read(visitor, "/api/items?offset=1000&limit=100").get("items")).isEqualTo(newItems);
		assertThat(read(visitor, "/api/files").get("files")).isEqualTo(files);
		assertThat(files.toString()).doesNotContain("from-a-visitor");
	}

	@Test
	void visitorMayNeitherLoadTheMachineNorTurnItsKnobs() {
		WebTestClient visitor = from(VISITOR);
		for (String path : new String[] { "/api/cpu?iterations=5000000", "/api/sleep?delayMs=30000",
				"/api/sleep?delayMs=30000&offload=true", "/api/lab/knobs", "/api/%63pu", "/api/cpu;x=1",
				"/api/cpu/" }) {
			visitor.get()
				.uri(URI.create(path))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		visitor.head().uri("/api/cpu").exchange().expectStatus().isForbidden();
		visitor.put().uri("/api/lab/knobs/tomcat-threads?max=2").exchange().expectStatus().isForbidden();
		visitor.post().uri("/actuator/health").exchange().expectStatus().isForbidden();
	}

	@Test
	void visitorMayNeitherCountNorReadNorResetTheSharedCounter() {
		WebTestClient visitor = from(VISITOR);
		String before = from("127.0.0.1").get()
			.uri("/api/lab/counter")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		visitor.post().uri("/api/lab/counter?n=10&mode=atomic").exchange().expectStatus().isForbidden();
		visitor.delete().uri("/api/lab/counter").exchange().expectStatus().isForbidden();
		visitor.get().uri("/api/lab/counter").exchange().expectStatus().isForbidden();
		from("127.0.0.1").get()
			.uri("/api/lab/counter")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(before);
	}

	@Test
	void visitorMayReadEverything() {
		WebTestClient visitor = from(VISITOR);
		for (String path : new String[] { "/api/items/1", "/api/items?limit=5", "/api/files",
				"/api/files/sample-4k.txt", "/api/files/sample-4k.txt/content", "/api/mixed", "/api/threads",
				"/api/activity?limit=5", "/actuator/health" }) {
			visitor.get().uri(path).exchange().expectStatus().isOk();
		}
		visitor.head().uri("/api/items/1").exchange().expectStatus().isOk();
		visitor.get().uri("/api/items/999999").exchange().expectStatus().isNotFound();
	}

	@Test
	void callersOnThisMachineMayChangeTheLab() {
		for (String address : new String[] { "127.0.0.1", "127.4.5.6", "::1" }) {
			from(address).post()
				.uri("/api/items")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"name\": \"from this machine\"}")
				.exchange()
				.expectStatus()
				.isCreated();
		}
		from("127.0.0.1").get().uri("/api/cpu?iterations=1").exchange().expectStatus().isOk();
	}

	@Test
	void forwardedHeadersNeverChangeWhoTheServerSeesCalling() {
		assertThat(this.server.getForwardHeadersStrategy()).isEqualTo(ForwardHeadersStrategy.NONE);
		// On the real Reactor Netty, from this machine: were its forwarded support on,
		// the
		// caller would become 203.0.113.7 and be refused.
		try (LabClient client = new LabClient(URI.create("http://127.0.0.1:" + this.port))) {
			HttpRequest claimsToBeElsewhere = client.request("/api/items")
				.header("Content-Type", "application/json")
				.header("X-Forwarded-For", VISITOR)
				.header("Forwarded", "for=" + VISITOR)
				.POST(BodyPublishers.ofString("{\"name\": \"from this machine\"}"))
				.build();
			assertThat(client.send(claimsToBeElsewhere).status()).isEqualTo(201);
		}
	}

	/** The JSON a visitor reads; only the part that is not the trace is compared. */
	private static JsonNode read(WebTestClient client, String path) {
		byte[] body = client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return JsonMapper.shared().readTree(body);
	}

	/** The whole app, as a mock server whose every request comes from the address. */
	private WebTestClient from(String address) {
		// A literal: made into an address without a lookup.
		InetSocketAddress remote = new InetSocketAddress(address, 40_000);
		return WebTestClient.bindToApplicationContext(this.context)
			.webFilter((exchange, chain) -> chain
				.filter(exchange.mutate().request((request) -> request.remoteAddress(remote)).build()))
			.configureClient()
			.build();
	}

}
