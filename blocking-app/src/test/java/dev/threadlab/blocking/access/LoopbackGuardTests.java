package dev.threadlab.blocking.access;

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
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackGuard}. Visitors are MockMvc requests given a remote address
 * of another machine: no request ever leaves this one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class LoopbackGuardTests {

	/**
	 * An address of another machine (TEST-NET-3), only ever written into a mock request.
	 */
	private static final String VISITOR = "203.0.113.7";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private ServerProperties server;

	@LocalServerPort
	private int port;

	@Test
	void visitorMayNeitherAddAnItemNorUploadAFileWhateverItsHeadersClaim() {
		JsonNode newItems = read("/api/items?offset=1000&limit=100").get("items");
		JsonNode files = read("/api/files").get("files");

		assertThat(this.mvc.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"from a visitor\"}")
			.with(from(VISITOR))).hasStatus(403)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"type": "urn:threadlab:problem:forbidden", "title": "Forbidden", "status": 403,
							 "detail": "POST '/api/items' changes the lab or loads this machine: only callers on this machine (loopback) may send it; visitors may only read.",
							 "instance": "/api/items"}
							""");
		assertThat(this.mvc.put()
			.uri("/api/files/from-a-visitor.txt")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.content(new byte[] { 1, 2, 3 })
			.with(from(VISITOR))).hasStatus(403).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		// What a caller writes about itself is not where it is.
		assertThat(this.mvc.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"from a visitor\"}")
			.header("X-Forwarded-For", "127.0.0.1")
			.header("X-Real-IP", "127.0.0.1")
			.header("Forwarded", "for=127.0.0.1;proto=http;by=127.0.0.1")
			.with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.put()
			.uri("/api/files/from-a-visitor.txt")
			.content(new byte[] { 1 })
			.header("X-Forwarded-For", "127.0.0.1")
			.with(from(VISITOR))).hasStatus(403);

		assertThat(read("/api/items?offset=1000&limit=100").get("items")).isEqualTo(newItems);
		assertThat(read("/api/files").get("files")).isEqualTo(files);
		assertThat(files.toString()).doesNotContain("from-a-visitor");
	}

	@Test
	void visitorMayNeitherLoadTheMachineNorTurnItsKnobs() {
		for (String path : new String[] { "/api/cpu?iterations=5000000", "/api/sleep?delayMs=30000",
				"/api/sleep?delayMs=30000&offload=true", "/api/lab/knobs", "/api/%63pu", "/api/cpu;x=1",
				"/api/cpu/" }) {
			assertThat(this.mvc.get().uri(URI.create(path)).with(from(VISITOR))).as(path)
				.hasStatus(403)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		assertThat(this.mvc.head().uri("/api/cpu").with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=2").with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.post().uri("/actuator/health").with(from(VISITOR))).hasStatus(403);
	}

	@Test
	void visitorMayNeitherCountNorReadNorResetTheSharedCounter() throws Exception {
		String before = this.mvc.get().uri("/api/lab/counter").exchange().getResponse().getContentAsString();
		assertThat(this.mvc.post().uri("/api/lab/counter?n=10&mode=atomic").with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/lab/counter").with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/lab/counter").with(from(VISITOR))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/lab/counter")).hasStatusOk().bodyText().isEqualTo(before);
	}

	@Test
	void visitorMayReadEverything() {
		for (String path : new String[] { "/api/items/1", "/api/items?limit=5", "/api/files",
				"/api/files/sample-4k.txt", "/api/files/sample-4k.txt/content", "/api/mixed", "/api/threads",
				"/api/activity?limit=5", "/actuator/health" }) {
			assertThat(this.mvc.get().uri(path).with(from(VISITOR))).as(path).hasStatusOk();
		}
		assertThat(this.mvc.head().uri("/api/items/1").with(from(VISITOR))).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/items/999999").with(from(VISITOR))).hasStatus(404);
	}

	@Test
	void callersOnThisMachineMayChangeTheLab() {
		for (String address : new String[] { "127.0.0.1", "127.4.5.6", "0:0:0:0:0:0:0:1" }) {
			assertThat(this.mvc.post()
				.uri("/api/items")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"from this machine\"}")
				.with(from(address))).as(address).hasStatus(201);
		}
		assertThat(this.mvc.get().uri("/api/cpu?iterations=1").with(from("127.0.0.1"))).hasStatusOk();
	}

	@Test
	void forwardedHeadersNeverChangeWhoTheServerSeesCalling() {
		assertThat(this.server.getForwardHeadersStrategy()).isEqualTo(ForwardHeadersStrategy.NONE);
		// On the real Tomcat, from this machine: were Tomcat's RemoteIpValve on (it
		// trusts
		// 127/8 as a proxy), the caller would become 203.0.113.7 and be refused.
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
	private JsonNode read(String path) {
		MvcTestResult result = this.mvc.get().uri(path).with(from(VISITOR)).exchange();
		assertThat(result).hasStatusOk();
		return JsonMapper.shared().readTree(result.getResponse().getContentAsByteArray());
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
