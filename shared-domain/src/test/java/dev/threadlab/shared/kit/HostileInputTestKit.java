package dev.threadlab.shared.kit;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.RawHttp.Reply;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static dev.threadlab.shared.kit.RawHttp.request;
import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static dev.threadlab.shared.kit.TestBytes.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad input, as an attacker of a lab would send it, against one running contender:
 * bodies, encodings, methods, headers, paths, queries, slow and truncated bodies,
 * pipelining, and concurrent writes to one file name. Each class checks the answer
 * (status, problem+json, nothing leaked), that nothing changed (item ids, file names,
 * sizes and digests), and that the contender still answers a normal request. The expected
 * problems come from the shared factories, so a pass on every contender means the same
 * bad request gets the same answer everywhere; where a server makes that impossible
 * CONTRACT.md ("Errors") says so and the class asserts the documented answer.
 */
public abstract class HostileInputTestKit extends RunningContender {

	private static final byte[] NONE = new byte[0];

	private RawHttp raw;

	@BeforeEach
	void openRawClient() {
		this.raw = new RawHttp(baseUrl());
	}

	/**
	 * The raw-socket client, for subclasses that add classes of their own.
	 * @return the client
	 */
	protected RawHttp raw() {
		return this.raw;
	}

	// Requests whose answer is one of the contract's problems, exactly

	static Stream<Arguments> refusedRequests() {
		String json = "Content-Type: application/json";
		byte[] tooBig = itemJson(Limits.MAX_JSON_BODY_BYTES + 1);
		byte[] atTheCap = itemJson(Limits.MAX_JSON_BODY_BYTES);
		String nameAtTheCap = new String(atTheCap, StandardCharsets.UTF_8).substring(9, atTheCap.length - 2);
		String longPath = "/api/files/" + "a".repeat(7000);
		return Stream.of(
				// Bodies
				refused("json body over 64 KiB, declared",
						request("POST /api/items HTTP/1.1", tooBig, json, "Content-Length: " + tooBig.length),
						LabException.jsonBodyTooLarge(), "/api/items"),
				refused("json body over 64 KiB, chunked",
						request("POST /api/items HTTP/1.1", chunked(tooBig), json, "Transfer-Encoding: chunked"),
						LabException.jsonBodyTooLarge(), "/api/items"),
				refused("json body of exactly 64 KiB is read (and its name refused)",
						request("POST /api/items HTTP/1.1", atTheCap, json, "Content-Length: " + atTheCap.length),
						expectedError(() -> Params.itemName(nameAtTheCap)), "/api/items"),
				refused("body over 64 KiB on a GET",
						request("GET /api/items/1 HTTP/1.1", tooBig, "Content-Length: " + tooBig.length),
						LabException.jsonBodyTooLarge(), "/api/items/1"),
				refused("body of another type", post("text/plain", "{\"name\": \"x\"}"), LabException.itemBodyNotJson(),
						"/api/items"),
				refused("json cut short", post("application/json", "{\"name\": \"x"), LabException.unreadableItemBody(),
						"/api/items"),
				refused("json nested 10000 deep", post("application/json", "[".repeat(10_000) + "]".repeat(10_000)),
						LabException.unreadableItemBody(), "/api/items"),
				refused("json number of 5000 digits", post("application/json", "{\"name\": " + "9".repeat(5000) + "}"),
						LabException.unreadableItemBody(), "/api/items"),
				refused("json with trailing garbage", post("application/json", "{\"name\": \"x\"} junk"),
						LabException.unreadableItemBody(), "/api/items"),
				refused("json with a raw NUL byte", post("application/json", "{\"name\": \"a\u0000b\"}"),
						LabException.unreadableItemBody(), "/api/items"),
				refused("json in invalid UTF-8", request("POST /api/items HTTP/1.1",
						RawHttp.concat("{\"name\": \"".getBytes(StandardCharsets.UTF_8),
								new byte[] { (byte) 0xff, (byte) 0xfe }, "\"}".getBytes(StandardCharsets.UTF_8)),
						json, "Content-Length: 14"), LabException.unreadableItemBody(), "/api/items"),
				refused("json array instead of an object", post("application/json", "[{\"name\": \"x\"}]"),
						LabException.unreadableItemBody(), "/api/items"),
				refused("json null", post("application/json", "null"), LabException.unreadableItemBody(), "/api/items"),
				// Encodings
				refused("Content-Encoding gzip",
						request("POST /api/items HTTP/1.1", gzip("{\"name\": \"gz\"}"), json, "Content-Encoding: gzip",
								"Content-Length: " + gzip("{\"name\": \"gz\"}").length),
						LabException.contentEncodingNotSupported(), "/api/items"),
				refused("Content-Encoding unknown",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json, "Content-Encoding: x-lab",
								"Content-Length: 13"),
						LabException.contentEncodingNotSupported(), "/api/items"),
				refused("Content-Encoding on an upload",
						request("PUT /api/files/kit-gzip.bin HTTP/1.1", gzip("bytes"), "Content-Encoding: gzip",
								"Content-Length: " + gzip("bytes").length),
						LabException.contentEncodingNotSupported(), "/api/files/kit-gzip.bin"),
				refused("Transfer-Encoding gzip",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json,
								"Transfer-Encoding: gzip"),
						LabException.malformedRequest(), null),
				refused("Transfer-Encoding chunked twice",
						request("POST /api/items HTTP/1.1", chunked(ascii("{\"name\": \"x\"}")), json,
								"Transfer-Encoding: chunked, chunked"),
						LabException.malformedRequest(), null),
				refused("Transfer-Encoding misspelt",
						request("POST /api/items HTTP/1.1", chunked(ascii("{\"name\": \"x\"}")), json,
								"Transfer-Encoding: xchunked"),
						LabException.malformedRequest(), null),
				refused("chunk size not hex",
						request("POST /api/items HTTP/1.1", ascii("zz\r\n{\"name\": \"x\"}\r\n0\r\n\r\n"), json,
								"Transfer-Encoding: chunked"),
						LabException.malformedRequest(), null),
				refused("two different Content-Lengths",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json, "Content-Length: 13",
								"Content-Length: 14"),
						LabException.malformedRequest(), null),
				refused("Content-Length not a number",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json, "Content-Length: 13abc"),
						LabException.malformedRequest(), null),
				refused("Content-Length negative",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json, "Content-Length: -1"),
						LabException.malformedRequest(), null),
				// Methods
				refused("TRACE", request("TRACE /api/items/1 HTTP/1.1", NONE),
						LabException.methodNotAllowed("TRACE", "/api/items/1"), "/api/items/1"),
				refused("an unknown method", request("BREW /api/items/1 HTTP/1.1", NONE),
						LabException.methodNotAllowed("BREW", "/api/items/1"), "/api/items/1"),
				refused("a method in lower case", request("get /api/items/1 HTTP/1.1", NONE),
						LabException.methodNotAllowed("get", "/api/items/1"), "/api/items/1"),
				refused("DELETE of a sample file", request("DELETE /api/files/sample-4k.txt HTTP/1.1", NONE),
						LabException.methodNotAllowed("DELETE", "/api/files/sample-4k.txt"),
						"/api/files/sample-4k.txt"),
				// Headers
				refused("a header of 20 KiB",
						request("GET /api/items/1 HTTP/1.1", NONE, "X-Big: " + "a".repeat(20_000)),
						LabException.headersTooLarge(), null),
				refused("150 headers", request("GET /api/items/1 HTTP/1.1", NONE, manyHeaders(150)),
						LabException.headersTooLarge(), null),
				refused("a request line of 20 KiB",
						request("GET /api/items/1?x=" + "a".repeat(20_000) + " HTTP/1.1", NONE),
						LabException.uriTooLong(), null),
				refused("an expectation other than 100-continue",
						request("POST /api/items HTTP/1.1", ascii("{\"name\": \"x\"}"), json, "Expect: tea",
								"Content-Length: 13"),
						LabException.expectationFailed(), null),
				refused("HTTP/1.1 without Host", ascii("GET /api/items/1 HTTP/1.1\r\nConnection: close\r\n\r\n"),
						LabException.malformedRequest(), null),
				refused("two Host headers", request("GET /api/items/1 HTTP/1.1", NONE, "Host: 127.0.0.2"),
						LabException.malformedRequest(), null),
				refused("an absolute URI naming another host",
						request("GET http://lab.invalid/api/items/1 HTTP/1.1", NONE), LabException.malformedRequest(),
						null),
				refused("a NUL in a header value", request("GET /api/items/1 HTTP/1.1", NONE, "X-A: a\u0000b"),
						LabException.malformedRequest(), null),
				refused("a space before a header's colon", request("GET /api/items/1 HTTP/1.1", NONE, "X-A : b"),
						LabException.malformedRequest(), null),
				refused("a header line without a colon", request("GET /api/items/1 HTTP/1.1", NONE, "NoColonHere"),
						LabException.malformedRequest(), null),
				refused("HTTP/1.2", request("GET /api/items/1 HTTP/1.2", NONE), LabException.httpVersionNotSupported(),
						null),
				refused("HTTP/2.0 as text", request("GET /api/items/1 HTTP/2.0", NONE),
						LabException.httpVersionNotSupported(), null),
				refused("a protocol that is not HTTP", request("GET /api/items/1 HTXP/1.1", NONE),
						LabException.malformedRequest(), null),
				// Paths
				refused("dot segments", request("GET /api/files/../items/1 HTTP/1.1", NONE),
						LabException.noRoute("GET", "/api/files/../items/1"), "/api/files/../items/1"),
				refused("encoded dot segments", request("GET /api/files/%2e%2e/items/1 HTTP/1.1", NONE),
						LabException.noRoute("GET", "/api/files/%2e%2e/items/1"), "/api/files/%2e%2e/items/1"),
				refused("double percent-encoding", request("GET /api/files/%252e%252e HTTP/1.1", NONE),
						expectedError(() -> Params.fileName("%2e%2e")), "/api/files/%252e%252e"),
				refused("a path of 7000 characters", request("GET " + longPath + " HTTP/1.1", NONE),
						expectedError(() -> Params.fileName("a".repeat(7000))), longPath),
				refused("a trailing slash", request("GET /api/items/1/ HTTP/1.1", NONE),
						LabException.noRoute("GET", "/api/items/1/"), "/api/items/1/"),
				refused("a raw backslash", request("GET /api/files/a\\b HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				refused("bad percent-encoding", request("GET /api/items/%ZZ HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				// A request target is ASCII (RFC 9112 3.2); raw bytes above 0x7F are not
				// percent-encoded characters. The request line is sent as ISO-8859-1, so
				// "\u00c3\u00a9" goes out as the two raw bytes of a UTF-8 é.
				refused("raw UTF-8 bytes in a path", request("GET /api/it\u00c3\u00a9ms HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				// Queries
				refused("a repeated parameter", request("GET /api/items/1?delayMs=1&delayMs=2 HTTP/1.1", NONE),
						expectedError(() -> Params.query("delayMs=1&delayMs=2")), "/api/items/1"),
				refused("a parameter without a value", request("GET /api/items/1?delayMs HTTP/1.1", NONE),
						expectedError(() -> Params.query("delayMs")), "/api/items/1"),
				refused("an empty value", request("GET /api/items/1?delayMs= HTTP/1.1", NONE),
						expectedError(() -> Params.delay("delayMs", "")), "/api/items/1"),
				refused("Arabic-Indic digits", request("GET /api/items/1?delayMs=%D9%A1%D9%A2 HTTP/1.1", NONE),
						expectedError(() -> Params.delay("delayMs", "\u0661\u0662")), "/api/items/1"),
				refused("fullwidth digits", request("GET /api/items/1?delayMs=%EF%BC%91%EF%BC%92 HTTP/1.1", NONE),
						expectedError(() -> Params.delay("delayMs", "\uFF11\uFF12")), "/api/items/1"),
				refused("raw UTF-8 bytes in a query value",
						request("GET /api/items/1?delayMs=1\u00c3\u00a9 HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				refused("a raw Latin-1 byte in a parameter name", request("GET /api/items/1?n\u00e9=2 HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				refused("a fragment in the request target", request("GET /api/items/1#top HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				refused("square brackets in a query", request("GET /api/items/1?a=[1] HTTP/1.1", NONE),
						LabException.malformedRequest(), null),
				refused("a plus sign", request("GET /api/items/1?delayMs=%2B5 HTTP/1.1", NONE),
						expectedError(() -> Params.delay("delayMs", "+5")), "/api/items/1"),
				refused("a number past Long", request("GET /api/items?offset=99999999999999999999999 HTTP/1.1", NONE),
						expectedError(() -> Params.offset("99999999999999999999999")), "/api/items"),
				refused("an exponent", request("GET /api/items?limit=1e2 HTTP/1.1", NONE),
						expectedError(() -> Params.limit("1e2")), "/api/items"),
				refused("an item id past Long", request("GET /api/items/99999999999999999999 HTTP/1.1", NONE),
						expectedError(() -> Params.itemId("99999999999999999999")), "/api/items/99999999999999999999"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedRequests")
	void refusedRequestGetsItsProblemAndChangesNothing(String what, byte[] request, LabException expected,
			String instance) {
		State before = state();
		Reply reply = this.raw.send(request);
		assertProblem(reply, expected, instance);
		assertUnchanged(before);
		assertHealthy();
	}

	// Requests every contender takes the same way, as the protocol allows

	static Stream<Arguments> toleratedRequests() {
		return Stream.of(Arguments.of("HEAD", request("HEAD /api/items/1 HTTP/1.1", NONE), 200),
				Arguments.of("OPTIONS", request("OPTIONS /api/items/1 HTTP/1.1", NONE), 200),
				Arguments.of("matrix parameters", request("GET /api/items/1;jsessionid=x HTTP/1.1", NONE), 200),
				Arguments.of("a folded header", request("GET /api/items/1 HTTP/1.1", NONE, "X-A: a", " b"), 200),
				Arguments.of("a request head trickled", request("GET /api/items/1 HTTP/1.1", NONE), 200));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("toleratedRequests")
	void toleratedRequestIsAnsweredAndChangesNothing(String what, byte[] request, int status) {
		State before = state();
		Reply reply = what.contains("trickled") ? this.raw.trickle(split(request, 8), Duration.ofMillis(100))
				: this.raw.send(request);
		assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
		if (what.equals("HEAD")) {
			assertThat(reply.body()).isEmpty();
		}
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void jsonWithAByteOrderMarkOrADeclaredUtf16IsReadAsUtf8ByEveryone() {
		// Jackson detects the encoding from the bytes, on both servers: the BOM is
		// skipped and a declared UTF-16 charset on UTF-8 bytes is overruled. Each
		// creates exactly the item it names.
		List<Long> before = allItemIds();
		String bom = "kit-bom-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
		String utf16 = bom.replace("bom", "utf16");
		byte[] bomBody = RawHttp.concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf },
				ascii("{\"name\": \"" + bom + "\"}"));
		Reply withBom = this.raw.send(request("POST /api/items HTTP/1.1", bomBody, "Content-Type: application/json",
				"Content-Length: " + bomBody.length));
		Reply declared = this.raw.send(post("application/json;charset=UTF-16", "{\"name\": \"" + utf16 + "\"}"));
		assertThat(withBom.status()).as(withBom.toString()).isEqualTo(201);
		assertThat(withBom.json().get("item").get("name").asString()).isEqualTo(bom);
		assertThat(declared.status()).as(declared.toString()).isEqualTo(201);
		assertThat(declared.json().get("item").get("name").asString()).isEqualTo(utf16);
		assertThat(allItemIds()).hasSize(before.size() + 2);
		assertHealthy();
	}

	@Test
	void duplicateJsonKeysKeepTheLastOnEveryContender() {
		// Jackson's default, the same on both servers: not refused, but never a mix.
		List<Long> before = allItemIds();
		Reply reply = this.raw.send(post("application/json", "{\"name\": \"first\", \"name\": \"kit-dup\"}"));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().get("item").get("name").asString()).isEqualTo("kit-dup");
		assertThat(allItemIds()).hasSize(before.size() + 1);
	}

	// Where the servers differ, as CONTRACT.md documents

	@Test
	void anHttp09RequestIsRefusedAsMalformed() {
		State before = state();
		Reply reply = this.raw.send(ascii("GET /api/items/1\r\n\r\n"));
		if (contender() == Contender.REACTIVE) {
			assertProblem(reply, LabException.malformedRequest(), null);
		}
		else {
			// Tomcat answers HTTP/0.9 in HTTP/0.9: no status line, only the problem.
			assertThat(reply.status()).as(reply.toString()).isZero();
			assertThat(reply.json().get("type").asString()).isEqualTo(ProblemKind.MALFORMED_REQUEST.type().toString());
			assertThat(reply.json().get("status").asInt()).isEqualTo(400);
		}
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void bothContentLengthAndTransferEncodingAre400() {
		// RFC 9112 lets a server refuse such a request or read it by its chunks: Reactor
		// Netty refuses it; Tomcat drops the Content-Length, reads the chunks and
		// closes. With a body that is no item, both answer 400.
		State before = state();
		Reply reply = this.raw.send(request("POST /api/items HTTP/1.1", chunked(ascii("{}")),
				"Content-Type: application/json", "Content-Length: 2", "Transfer-Encoding: chunked"));
		assertProblem(reply, (contender() == Contender.REACTIVE) ? LabException.malformedRequest()
				: LabException.unreadableItemBody(), (contender() == Contender.REACTIVE) ? null : "/api/items");
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void bareLineFeedsAreReadByTomcatAndRefusedByNetty() {
		State before = state();
		Reply reply = this.raw.send(ascii("GET /api/items/1 HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n"));
		if (contender() == Contender.REACTIVE) {
			assertProblem(reply, LabException.malformedRequest(), null);
		}
		else {
			assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
		}
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void overlongUtf8InAPathIs400() {
		// Tomcat refuses the bytes as they are decoded; Spring decodes them to U+FFFD
		// and the file-name rule refuses that: the same status, two problem types.
		State before = state();
		Reply reply = this.raw.send(request("GET /api/files/%C0%AE%C0%AE HTTP/1.1", NONE));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
		assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
		assertThat(reply.json().get("status").asInt()).isEqualTo(400);
		assertNoLeak(reply.text());
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void connectIsNotAMethodOfTheLab() {
		State before = state();
		Reply reply = this.raw.send(request("CONNECT 127.0.0.1:80 HTTP/1.1", NONE));
		assertThat(reply.status()).as(reply.toString()).isEqualTo(405);
		assertThat(reply.json().get("type").asString()).isEqualTo(ProblemKind.METHOD_NOT_ALLOWED.type().toString());
		assertNoLeak(reply.text());
		assertUnchanged(before);
		assertHealthy();
	}

	// Headers a client may send badly

	@Test
	void aRequestIdOutsideTheRuleIsReplacedNotEchoed() {
		for (String id : List.of("<script>alert(1)</script>", "../../etc/passwd", "x".repeat(65), "a b")) {
			Answer answer = client().get("/api/items/1", Map.of("X-Request-Id", id));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.header("X-Request-Id")).isNotEqualTo(id).matches(Limits.REQUEST_ID_PATTERN);
			assertThat(answer.json().get("trace").get("requestId").asString()).isEqualTo(answer.header("X-Request-Id"));
		}
	}

	@Test
	void anOversizeBodyThatExpects100ContinueIsRefusedBeforeItIsSent() {
		State before = state();
		// Only the head is sent: the refusal must come without a byte of the body.
		byte[] head = ascii("POST /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
				+ "Content-Length: 50000000\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
		Reply reply = this.raw.send(head);
		assertProblem(reply, LabException.jsonBodyTooLarge(), "/api/items");
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void anUploadOverTheLimitWithoutALengthIs413() {
		State before = state();
		String name = uniqueName("chunked-over");
		byte[] body = randomBytes((int) Limits.MAX_UPLOAD_BYTES + 1);
		Reply reply = this.raw.send(request("PUT /api/files/" + name + " HTTP/1.1", chunked(body),
				"Content-Type: application/octet-stream", "Transfer-Encoding: chunked"));
		assertProblem(reply, LabException.uploadTooLarge(), "/api/files/" + name);
		assertUnchanged(before);
		assertHealthy();
	}

	// Slow, cut short, pipelined

	@Test
	void aSlowBodyIsReadWhileOthersAreServed() {
		String name = uniqueName("slow");
		byte[] body = randomBytes(2000);
		List<byte[]> parts = new ArrayList<>();
		parts.add(ascii("PUT /api/files/" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000\r\n"
				+ "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n"));
		parts.addAll(split(body, 20));
		CompletableFuture<Reply> slow = CompletableFuture
			.supplyAsync(() -> this.raw.trickle(parts, Duration.ofMillis(100)));
		// About 2 s of trickling: in the meantime the contender serves others.
		for (int i = 0; i < 5; i++) {
			assertHealthy();
		}
		Reply reply = slow.join();
		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().get("file").get("sha256").asString()).isEqualTo(sha256(body));
	}

	@Test
	void aBodyCutShortChangesNothing() {
		State before = state();
		String name = uniqueName("cut");
		List<Reply> item = this.raw.sendAndHangUp(RawHttp.concat(
				ascii("POST /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Content-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"),
				ascii("{\"name\": \"cut")));
		List<Reply> upload = this.raw.sendAndHangUp(RawHttp.concat(
				ascii("PUT /api/files/" + name
						+ " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048576\r\nConnection: close\r\n\r\n"),
				randomBytes(65_536)));
		// The server may answer (a 400) or just close: the caller has gone. Never a 5xx,
		// never a trace of the item or the file.
		for (Reply reply : concat(item, upload)) {
			assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
		}
		assertUnchanged(before);
		assertHealthy();
	}

	@Test
	void pipelinedGarbageIsAnsweredAfterTheRequestsBeforeIt() {
		State before = state();
		byte[] good = ascii("GET /api/items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		byte[] second = ascii("GET /api/items/2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
		List<Reply> replies = this.raw
			.sendAll(RawHttp.concat(good, second, ascii("\u0001\u0002 garbage HTTP/1.1\r\n\r\n"), good));
		assertThat(replies).as(replies.toString()).hasSize(3);
		assertThat(replies.get(0).json().get("item").get("id").asLong()).isEqualTo(1);
		assertThat(replies.get(1).json().get("item").get("id").asLong()).isEqualTo(2);
		assertThat(replies.get(2).status()).isEqualTo(400);
		assertThat(replies.get(2).json().get("type").asString())
			.isEqualTo(ProblemKind.MALFORMED_REQUEST.type().toString());
		assertUnchanged(before);
		assertHealthy();
	}

	// Concurrency on one name

	@Test
	void concurrentUploadsToOneNameLeaveExactlyOneOfTheBodies() {
		String name = uniqueName("race");
		List<byte[]> bodies = new ArrayList<>();
		Set<String> digests = new HashSet<>();
		for (int i = 0; i < 16; i++) {
			byte[] body = randomBytes(256 * 1024);
			bodies.add(body);
			digests.add(sha256(body));
		}
		List<Answer> answers = client().sendAll(bodies.size(),
				(i) -> client().request("/api/files/" + name)
					.header("Content-Type", "application/octet-stream")
					.PUT(BodyPublishers.ofByteArray(bodies.get(i)))
					.build());
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isIn(200, 201));
		assertThat(answers.stream().filter((answer) -> answer.status() == 201)).hasSize(1);
		Answer read = client().get("/api/files/" + name);
		assertThat(digests).contains(read.json().get("file").get("sha256").asString());
		Answer content = client().get("/api/files/" + name + "/content");
		assertThat(digests).contains(sha256(content.bytes()));
		List<String> names = new ArrayList<>();
		client().get("/api/files").json().get("files").forEach((file) -> names.add(file.get("name").asString()));
		assertThat(names).filteredOn(name::equals).hasSize(1);
		assertThat(names).allSatisfy((listed) -> assertThat(listed).matches(Limits.FILE_NAME_PATTERN));
	}

	// Helpers

	/**
	 * What a hostile request must not change: the items' ids, and the files' names, sizes
	 * and digests.
	 *
	 * @param itemIds every item id, in order
	 * @param files each file's name, with its size and (up to 1 MiB) its digest
	 */
	protected record State(List<Long> itemIds, Map<String, String> files) {
	}

	/**
	 * Takes what a hostile request must not change. Files over 1 MiB are compared by name
	 * and size: reading the samples of 16 MiB and the kits' uploads of 10 MiB around
	 * every class would cost more than the classes.
	 * @return the state
	 */
	protected State state() {
		Map<String, String> files = new LinkedHashMap<>();
		for (JsonNode file : client().get("/api/files").json().get("files")) {
			String name = file.get("name").asString();
			long bytes = file.get("bytes").asLong();
			String digest = (bytes <= 1024 * 1024)
					? client().get("/api/files/" + name).json().get("file").get("sha256").asString() : "";
			files.put(name, bytes + " " + digest);
		}
		return new State(allItemIds(), files);
	}

	/**
	 * Checks that nothing changed since a state was taken.
	 * @param before the state
	 */
	protected void assertUnchanged(State before) {
		State after = state();
		assertThat(after.itemIds()).as("item ids").isEqualTo(before.itemIds());
		assertThat(after.files()).as("files").isEqualTo(before.files());
	}

	/** Checks that the contender still answers a normal request. */
	protected void assertHealthy() {
		Answer answer = client().get("/api/items/1");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("item").get("name").asString()).isEqualTo("item-1");
	}

	/**
	 * Checks that a raw answer is the problem an error describes.
	 * @param reply the answer
	 * @param expected the error the shared code raises for the same input
	 * @param instance the path the problem names, or {@code null} when the request's
	 * target could not be read (the problem may then name it or not)
	 */
	protected void assertProblem(Reply reply, LabException expected, String instance) {
		ProblemKind kind = expected.kind();
		assertThat(reply.status()).as(reply.toString()).isEqualTo(kind.status());
		assertThat(reply.header("Content-Type")).as(reply.toString()).startsWith("application/problem+json");
		JsonNode problem = reply.json();
		assertThat(problem.get("type").asString()).as(reply.toString()).isEqualTo(kind.type().toString());
		assertThat(problem.get("title").asString()).isEqualTo(kind.title());
		assertThat(problem.get("status").asInt()).isEqualTo(kind.status());
		assertThat(problem.get("detail").asString()).isEqualTo(expected.detail());
		if (instance != null) {
			assertThat(problem.get("instance").asString()).isEqualTo(instance);
		}
		else if (problem.has("instance")) {
			assertThat(problem.get("instance").asString()).startsWith("/");
		}
		assertNoLeak(reply.text());
	}

	private static void assertNoLeak(String text) {
		assertThat(text).doesNotContain("Exception", "java.", "\tat ", "/tmp/", "/home/", "/work/", "/root/",
				"threadlab-data");
	}

	private List<Long> allItemIds() {
		List<Long> ids = new ArrayList<>();
		for (int offset = 0;; offset += Limits.MAX_LIMIT) {
			JsonNode items = client().get("/api/items?limit=100&offset=" + offset).json().get("items");
			if (items.isEmpty()) {
				return ids;
			}
			items.forEach((item) -> ids.add(item.get("id").asLong()));
		}
	}

	private static Arguments refused(String what, byte[] request, LabException expected, String instance) {
		return Arguments.of(what, request, expected, instance);
	}

	private static byte[] post(String contentType, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return request("POST /api/items HTTP/1.1", bytes, "Content-Type: " + contentType,
				"Content-Length: " + bytes.length);
	}

	/** {@code {"name": "xxx..."}} of exactly {@code size} bytes. */
	private static byte[] itemJson(int size) {
		return ascii("{\"name\":\"" + "x".repeat(size - 11) + "\"}");
	}

	private static byte[] chunked(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int at = 0; at < body.length; at += 8192) {
			int size = Math.min(8192, body.length - at);
			out.writeBytes(ascii(Integer.toHexString(size) + "\r\n"));
			out.write(body, at, size);
			out.writeBytes(ascii("\r\n"));
		}
		out.writeBytes(ascii("0\r\n\r\n"));
		return out.toByteArray();
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static String[] manyHeaders(int count) {
		String[] headers = new String[count];
		for (int i = 0; i < count; i++) {
			headers[i] = "X-H" + i + ": v";
		}
		return headers;
	}

	private static List<byte[]> split(byte[] bytes, int parts) {
		List<byte[]> out = new ArrayList<>();
		int size = (bytes.length + parts - 1) / parts;
		for (int at = 0; at < bytes.length; at += size) {
			byte[] part = new byte[Math.min(size, bytes.length - at)];
			System.arraycopy(bytes, at, part, 0, part.length);
			out.add(part);
		}
		return out;
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static LabException expectedError(Runnable call) {
		try {
			call.run();
		}
		catch (LabException ex) {
			return ex;
		}
		return fail("the shared rules accept this input; the test is wrong");
	}

	private static String uniqueName(String what) {
		return "kit-" + what + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".bin";
	}

}
