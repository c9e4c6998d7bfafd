package dev.threadlab.shared.kit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.limits.ProblemKind;
import dev.threadlab.shared.threads.ThreadPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static dev.threadlab.shared.kit.TestBytes.sha256;
import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The contract test kit: every endpoint, limit and error of CONTRACT.md, checked over
 * real HTTP against one running contender. Each app subclasses it with its own server
 * started on a random port; the expected error texts come from the shared factories, so a
 * pass on every contender means the same request gets the same answer everywhere.
 */
public abstract class ContractTestKit extends RunningContender {

	/** Generous bound for "it waited its delay": the server may round, never skip. */
	private static final double DELAY_SLACK_MS = 15;

	/**
	 * The database the contender runs on: H2 unless a subclass runs it with the
	 * {@code postgres} profile.
	 * @return the database
	 */
	protected Database database() {
		return Database.H2;
	}

	// Items

	@Test
	void itemOneIsTheFirstSeedItemWithATrace() {
		Answer answer = client().get("/api/items/1");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		JsonNode item = answer.json().get("item");
		assertThat(item.get("id").asLong()).isEqualTo(1);
		assertThat(item.get("name").asString()).isEqualTo("item-1");
		assertThat(Instant.parse(item.get("createdAt").asString())).isBefore(Instant.now());
		JsonNode trace = assertTrace(answer);
		assertThat(answer.header("X-Request-Id")).isEqualTo(trace.get("requestId").asString());
	}

	@Test
	void callersRequestIdIsEchoedAndAnInvalidOneReplaced() {
		Answer echoed = client().get("/api/items/2", Map.of("X-Request-Id", "kit.echo_1-A"));
		assertThat(echoed.header("X-Request-Id")).isEqualTo("kit.echo_1-A");
		assertThat(assertTrace(echoed).get("requestId").asString()).isEqualTo("kit.echo_1-A");

		Answer replaced = client().get("/api/items/2", Map.of("X-Request-Id", "not valid!"));
		String id = replaced.header("X-Request-Id");
		assertThat(id).isNotEqualTo("not valid!").matches(Limits.REQUEST_ID_PATTERN);
		assertThat(assertTrace(replaced).get("requestId").asString()).isEqualTo(id);

		Answer tooLong = client().get("/api/items/2", Map.of("X-Request-Id", "x".repeat(65)));
		assertThat(tooLong.header("X-Request-Id")).isNotEqualTo("x".repeat(65));
	}

	@Test
	void countersFollowTheOrderOfRequests() {
		JsonNode first = assertTrace(client().get("/api/items/3"));
		JsonNode second = assertTrace(client().get("/api/items/3"));
		assertThat(second.get("arrival").asLong()).isGreaterThan(first.get("arrival").asLong());
		assertThat(second.get("completion").asLong()).isGreaterThan(first.get("completion").asLong());
	}

	@Test
	void itemIsReadAfterItsDatabaseDelay() {
		Answer answer = client().get("/api/items/5?delayMs=300");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("item").get("id").asLong()).isEqualTo(5);
		assertThat(assertTrace(answer).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(300 - DELAY_SLACK_MS);
		assertThat(answer.clientMs()).isGreaterThanOrEqualTo(300 - DELAY_SLACK_MS);
	}

	@Test
	void aQuickRequestOvertakesASlowOneThatArrivedFirst() {
		CompletableFuture<Answer> slow = client().sendAsync(client().request("/api/items/1?delayMs=800").build());
		sleep(200);
		Answer fast = client().get("/api/items/1");
		JsonNode slowTrace = assertTrace(slow.join());
		JsonNode fastTrace = assertTrace(fast);
		assertThat(fastTrace.get("arrival").asLong()).isGreaterThan(slowTrace.get("arrival").asLong());
		assertThat(fastTrace.get("completion").asLong()).isLessThan(slowTrace.get("completion").asLong());
	}

	@Test
	void pageOfItemsIsOrderedById() {
		JsonNode page = okJson(client().get("/api/items?limit=5&offset=10"));
		assertThat(ids(page.get("items"))).containsExactly(11L, 12L, 13L, 14L, 15L);
		assertThat(page.get("limit").asInt()).isEqualTo(5);
		assertThat(page.get("offset").asLong()).isEqualTo(10);
		assertThat(page.get("trace").isObject()).isTrue();

		JsonNode defaults = okJson(client().get("/api/items"));
		assertThat(ids(defaults.get("items"))).hasSize(Limits.DEFAULT_LIMIT).startsWith(1L, 2L).endsWith(20L);
		assertThat(defaults.get("limit").asInt()).isEqualTo(20);
		assertThat(defaults.get("offset").asLong()).isZero();
	}

	@Test
	void pageLimitsAreInclusive() {
		assertThat(okJson(client().get("/api/items?limit=100")).get("items").size()).isEqualTo(100);
		assertThat(okJson(client().get("/api/items?limit=1")).get("items").size()).isEqualTo(1);
		assertThat(okJson(client().get("/api/items?offset=1000000")).get("items").size()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=0", "limit=101", "limit=-1", "limit=ten", "limit=", "offset=-1", "offset=1000001",
			"offset=1.5", "delayMs=-1", "delayMs=30001", "delayMs=abc", "delayMs=1e3", "delayMs=99999999999999999999" })
	void pageParametersOutsideTheirRangeAre400(String query) {
		String name = query.substring(0, query.indexOf('='));
		String value = query.substring(query.indexOf('=') + 1);
		Answer answer = client().get("/api/items?" + query);
		LabException expected = expectedError(() -> {
			switch (name) {
				case "limit" -> Params.limit(value);
				case "offset" -> Params.offset(value);
				default -> Params.delay(name, value);
			}
		});
		assertProblem(answer, expected, "/api/items");
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "0", "-1", "1.0", "99999999999999999999" })
	void itemIdThatIsNotAPositiveIntegerIs400(String id) {
		assertProblem(client().get("/api/items/" + id), expectedError(() -> Params.itemId(id)), "/api/items/" + id);
	}

	@Test
	void unknownItemIs404() {
		assertProblem(client().get("/api/items/987654321"), LabException.noSuchItem(987654321), "/api/items/987654321");
	}

	@Test
	void postedItemIsCreatedAndReadable() {
		Answer created = client().postJson("/api/items", "{\"name\": \"kit item\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode item = created.json().get("item");
		long id = item.get("id").asLong();
		assertThat(id).isGreaterThan(1000);
		assertThat(item.get("name").asString()).isEqualTo("kit item");
		assertThat(created.header("Location")).endsWith("/api/items/" + id);
		assertTrace(created);

		JsonNode read = okJson(client().get("/api/items/" + id)).get("item");
		assertThat(read.get("name").asString()).isEqualTo("kit item");
		assertThat(read.get("createdAt").asString()).isEqualTo(item.get("createdAt").asString());
	}

	@Test
	void itemNamesKeepEveryCharacterUpToTheLimit() {
		String hundred = "🚀".repeat(50) + "é".repeat(50);
		Answer created = client().postJson("/api/items?delayMs=50", "{\"name\": \"" + hundred + "\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.json().get("item").get("id").asLong();
		assertThat(okJson(client().get("/api/items/" + id)).get("item").get("name").asString()).isEqualTo(hundred);
		assertThat(assertTrace(created).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(50 - DELAY_SLACK_MS);
	}

	@Test
	void rejectedItemsChangeNothing() {
		List<Long> before = allItemIds();
		String longName = "x".repeat(101);
		assertProblem(client().postJson("/api/items", "{\"name\": \"" + longName + "\"}"),
				expectedError(() -> Params.itemName(longName)), "/api/items");
		assertProblem(client().postJson("/api/items", "{\"name\": \"   \"}"),
				expectedError(() -> Params.itemName("   ")), "/api/items");
		assertProblem(client().postJson("/api/items", "{\"name\": \"\"}"), expectedError(() -> Params.itemName("")),
				"/api/items");
		assertProblem(client().postJson("/api/items", "{}"), LabException.unreadableItemBody(), "/api/items");
		assertProblem(client().postJson("/api/items", "{\"name\": "), LabException.unreadableItemBody(), "/api/items");
		assertProblem(client().postJson("/api/items", "[1, 2]"), LabException.unreadableItemBody(), "/api/items");
		assertProblem(client().send("POST", "/api/items", "application/json", new byte[0]),
				LabException.unreadableItemBody(), "/api/items");
		assertProblem(client().postJson("/api/items?delayMs=-5", "{\"name\": \"ok\"}"),
				expectedError(() -> Params.delay("delayMs", "-5")), "/api/items");
		assertProblem(client().send("POST", "/api/items", "text/plain", "{\"name\": \"x\"}".getBytes()),
				LabException.itemBodyNotJson(), "/api/items");
		assertThat(allItemIds()).isEqualTo(before);
	}

	@Test
	void concurrentPostsCreateDistinctReadableItems() {
		String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
		List<Answer> created = client().sendAll(200,
				(i) -> client().request("/api/items")
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"name\": \"kit-" + run + "-" + i + "\"}"))
					.build());
		Set<Long> ids = new HashSet<>();
		for (int i = 0; i < created.size(); i++) {
			Answer answer = created.get(i);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
			long id = answer.json().get("item").get("id").asLong();
			ids.add(id);
			JsonNode read = okJson(client().get("/api/items/" + id)).get("item");
			assertThat(read.get("name").asString()).isEqualTo("kit-" + run + "-" + i);
		}
		assertThat(ids).hasSize(200);
	}

	// Files

	@Test
	void filesListHoldsTheSamplesSortedByName() {
		Answer answer = client().get("/api/files");
		JsonNode files = okJson(answer).get("files");
		List<String> names = new ArrayList<>();
		files.forEach((file) -> names.add(file.get("name").asString()));
		assertThat(names).isSorted();
		for (FileEntry sample : DataFolder.SAMPLES) {
			assertThat(names).contains(sample.name());
		}
		files.forEach((file) -> {
			assertThat(file.get("name").asString()).matches(Limits.FILE_NAME_PATTERN);
			assertThat(file.get("bytes").asLong()).isNotNegative();
		});
		assertThat(answer.header("X-Request-Id")).isNotEmpty();
	}

	@Test
	void samplesHaveTheirKnownSizesAndDigests() throws IOException {
		for (FileEntry sample : DataFolder.SAMPLES) {
			Answer answer = client().get("/api/files/" + sample.name());
			JsonNode file = okJson(answer).get("file");
			assertThat(file.get("name").asString()).isEqualTo(sample.name());
			assertThat(file.get("bytes").asLong()).isEqualTo(sample.bytes());
			assertThat(file.get("sha256").asString()).isEqualTo(sampleDigest(sample));
			assertTrace(answer);
		}
	}

	@Test
	void contentStreamsTheRawBytes() throws IOException {
		FileEntry sample = DataFolder.SAMPLES.get(1);
		Answer answer = client().get("/api/files/" + sample.name() + "/content");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.header("Content-Type")).startsWith("application/octet-stream");
		assertThat(answer.bytes()).hasSize((int) sample.bytes());
		assertThat(sha256(answer.bytes())).isEqualTo(sampleDigest(sample));
		assertThat(answer.header("X-Request-Id")).isNotEmpty();
	}

	@Test
	void fileDelayIsAboutTheSameForASmallAndALargeFile() {
		// Long enough that a busy machine's noise on the reads is small beside it.
		int delayMs = 2000;
		// What each read costs without a delay: the best of two, so that one slow read
		// on a busy machine does not pass for the delay.
		double smallAlone = fastestOfTwo("/api/files/sample-4k.txt");
		double largeAlone = fastestOfTwo("/api/files/sample-16m.bin");
		double streamedAlone = fastestOfTwo("/api/files/sample-1m.bin/content");
		Answer small = client().get("/api/files/sample-4k.txt?delayMs=" + delayMs);
		Answer large = client().get("/api/files/sample-16m.bin?delayMs=" + delayMs);
		Answer streamed = client().get("/api/files/sample-1m.bin/content?delayMs=" + delayMs);
		for (Answer answer : List.of(small, large, streamed)) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.clientMs()).isGreaterThanOrEqualTo(delayMs - DELAY_SLACK_MS);
		}
		double smallExtra = small.clientMs() - smallAlone;
		double largeExtra = large.clientMs() - largeAlone;
		double streamedExtra = streamed.clientMs() - streamedAlone;
		String extras = "extra ms: small %.0f, large %.0f, streamed %.0f".formatted(smallExtra, largeExtra,
				streamedExtra);
		// Less the baseline's noise, the small file's one chunk still adds most of it.
		assertThat(smallExtra).as(extras).isGreaterThanOrEqualTo(delayMs * 0.8);
		// The 16 MiB file's delay is spread over its 256 chunks: it adds about what the
		// one chunk of the small file adds. Skipped, it would add nothing; added per
		// chunk, 256 times as much; added twice, double.
		assertThat(largeExtra).as("the delay added to 256 chunks; " + extras)
			.isBetween(smallExtra * 0.6, smallExtra * 1.6);
		assertThat(streamedExtra).as("the delay added to 16 streamed chunks; " + extras)
			.isBetween(smallExtra * 0.6, smallExtra * 1.6);
	}

	private double fastestOfTwo(String path) {
		Answer first = client().get(path);
		Answer second = client().get(path);
		assertThat(List.of(first, second)).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		return Math.min(first.clientMs(), second.clientMs());
	}

	@Test
	void uploadIsCreatedThenReplaced() {
		String name = uniqueName("replace");
		byte[] first = randomBytes(300_000);
		Answer created = client().put("/api/files/" + name, first);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("file").get("sha256").asString()).isEqualTo(sha256(first));
		assertThat(created.json().get("file").get("bytes").asLong()).isEqualTo(first.length);
		assertTrace(created);

		byte[] second = randomBytes(1000);
		Answer replaced = client().put("/api/files/" + name + "?delayMs=200", second);
		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		assertThat(assertTrace(replaced).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(200 - DELAY_SLACK_MS);
		assertThat(client().get("/api/files/" + name + "/content").bytes()).isEqualTo(second);
		assertThat(okJson(client().get("/api/files/" + name)).get("file").get("sha256").asString())
			.isEqualTo(sha256(second));
		assertThat(listedNames()).contains(name);
	}

	@Test
	void uploadOfExactlyTheLimitIsAccepted() {
		String name = uniqueName("limit");
		byte[] bytes = randomBytes((int) Limits.MAX_UPLOAD_BYTES);
		Answer answer = client().put("/api/files/" + name, bytes);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		assertThat(answer.json().get("file").get("sha256").asString()).isEqualTo(sha256(bytes));
	}

	@Test
	void rejectedUploadsChangeNothing() {
		List<String> before = listedNames();
		String name = uniqueName("rejected");
		assertProblem(client().put("/api/files/" + name, randomBytes((int) Limits.MAX_UPLOAD_BYTES + 1)),
				LabException.uploadTooLarge(), "/api/files/" + name);
		assertProblem(client().send("PUT", "/api/files/" + name, "application/octet-stream", new byte[0]),
				LabException.emptyUpload(), "/api/files/" + name);
		assertProblem(client().put("/api/files/" + name + "?delayMs=30001", randomBytes(10)),
				expectedError(() -> Params.delay("delayMs", "30001")), "/api/files/" + name);
		assertProblem(client().put("/api/files/bad%20name", randomBytes(10)),
				expectedError(() -> Params.fileName("bad name")), "/api/files/bad%20name");
		// A replacement that fails leaves the old bytes in place.
		assertProblem(client().put("/api/files/sample-4k.txt", randomBytes((int) Limits.MAX_UPLOAD_BYTES + 1)),
				LabException.uploadTooLarge(), "/api/files/sample-4k.txt");
		assertThat(listedNames()).isEqualTo(before);
		assertThat(okJson(client().get("/api/files/sample-4k.txt")).get("file").get("bytes").asLong()).isEqualTo(4096);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad%20name", "%2E%2E%2Fsecret", "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "a%5Cb", "%2Fetc",
			"caf%C3%A9.txt", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void fileNamesOutsideTheRuleAre400(String encoded) {
		String decoded = java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
		LabException expected = expectedError(() -> Params.fileName(decoded));
		assertProblem(client().get("/api/files/" + encoded), expected, "/api/files/" + encoded);
		assertProblem(client().get("/api/files/" + encoded + "/content"), expected,
				"/api/files/" + encoded + "/content");
		assertProblem(client().put("/api/files/" + encoded, randomBytes(8)), expected, "/api/files/" + encoded);
	}

	@Test
	void aNulCharacterInAPathIsA400Problem() {
		// Tomcat refuses %00 before any application code runs, so the detail may differ
		// from the file-name rule's; the answer is still a 400 problem that leaks
		// nothing.
		Answer answer = client().get("/api/files/x%00y");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.json().get("status").asInt()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).isNotBlank();
		assertNoLeak(answer);
	}

	@Test
	void unknownFileIs404() {
		assertProblem(client().get("/api/files/no-such-file.txt"), LabException.noSuchFile("no-such-file.txt"),
				"/api/files/no-such-file.txt");
		assertProblem(client().get("/api/files/no-such-file.txt/content"), LabException.noSuchFile("no-such-file.txt"),
				"/api/files/no-such-file.txt/content");
	}

	@Test
	void concurrentUploadsEachReadBackWithTheirDigest() {
		int count = 50;
		List<String> names = new ArrayList<>();
		List<byte[]> bodies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add(uniqueName("concurrent-" + i));
			bodies.add(randomBytes(20_000 + i * 3_001));
		}
		List<Answer> answers = client().sendAll(count,
				(i) -> client().request("/api/files/" + names.get(i))
					.header("Content-Type", "application/octet-stream")
					.PUT(BodyPublishers.ofByteArray(bodies.get(i)))
					.build());
		for (int i = 0; i < count; i++) {
			assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(201);
			String digest = sha256(bodies.get(i));
			assertThat(okJson(client().get("/api/files/" + names.get(i))).get("file").get("sha256").asString())
				.isEqualTo(digest);
			assertThat(sha256(client().get("/api/files/" + names.get(i) + "/content").bytes())).isEqualTo(digest);
		}
	}

	// Mixed, cpu, sleep

	@Test
	void mixedReadsItemOneAndTheSmallSample() throws IOException {
		Answer answer = client().get("/api/mixed");
		JsonNode body = okJson(answer);
		assertThat(body.get("item").get("id").asLong()).isEqualTo(Limits.MIXED_ITEM_ID);
		assertThat(body.get("file").get("name").asString()).isEqualTo(Limits.MIXED_FILE_NAME);
		assertThat(body.get("file").get("bytes").asLong()).isEqualTo(4096);
		assertThat(body.get("file").get("sha256").asString()).isEqualTo(sampleDigest(DataFolder.SAMPLES.get(0)));
		assertThat(body.get("parallel").asBoolean()).isFalse();
		assertTrace(answer);
	}

	@Test
	void mixedInParallelWaitsForTheLongerDelayOnly() {
		Answer sequential = client().get("/api/mixed?dbDelayMs=500&fileDelayMs=500");
		Answer parallel = client().get("/api/mixed?dbDelayMs=500&fileDelayMs=500&parallel=true");
		assertThat(okJson(parallel).get("parallel").asBoolean()).isTrue();
		assertThat(okJson(sequential).get("parallel").asBoolean()).isFalse();
		assertThat(assertTrace(sequential).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(1000 - DELAY_SLACK_MS);
		double parallelMs = assertTrace(parallel).get("elapsedMs").asDouble();
		assertThat(parallelMs).isGreaterThanOrEqualTo(500 - DELAY_SLACK_MS).isLessThan(900);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dbDelayMs=-1", "fileDelayMs=30001", "parallel=yes", "parallel=" })
	void mixedParametersOutsideTheirRangeAre400(String query) {
		String name = query.substring(0, query.indexOf('='));
		String value = query.substring(query.indexOf('=') + 1);
		LabException expected = expectedError(() -> {
			if (name.equals("parallel")) {
				Params.flag(name, value);
			}
			else {
				Params.delay(name, value);
			}
		});
		assertProblem(client().get("/api/mixed?" + query), expected, "/api/mixed");
	}

	@Test
	void cpuAnswersTheDigestChain() {
		JsonNode body = okJson(client().get("/api/cpu?iterations=1000"));
		assertThat(body.get("iterations").asInt()).isEqualTo(1000);
		assertThat(body.get("sha256").asString()).isEqualTo(digestChain(1000));
		assertThat(okJson(client().get("/api/cpu?iterations=1")).get("sha256").asString())
			.isEqualTo(sha256("threadlab".getBytes(StandardCharsets.UTF_8)));
		JsonNode defaults = okJson(client().get("/api/cpu"));
		assertThat(defaults.get("iterations").asInt()).isEqualTo(Limits.DEFAULT_ITERATIONS);
		assertThat(defaults.get("sha256").asString()).isEqualTo(digestChain(Limits.DEFAULT_ITERATIONS));
		assertThat(defaults.get("trace").isObject()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "5000001", "many", "-3" })
	void cpuIterationsOutsideTheirRangeAre400(String value) {
		assertProblem(client().get("/api/cpu?iterations=" + value), expectedError(() -> Params.iterations(value)),
				"/api/cpu");
	}

	@Test
	void sleepSleepsOnTheRequestOrOnAWorker() {
		Answer inline = client().get("/api/sleep?delayMs=200");
		JsonNode body = okJson(inline);
		assertThat(body.get("sleptMs").asLong()).isEqualTo(200);
		assertThat(body.get("offloaded").asBoolean()).isFalse();
		assertThat(assertTrace(inline).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(200 - DELAY_SLACK_MS);
		sleptWithoutOffload(inline);

		Answer offloaded = client().get("/api/sleep?delayMs=200&offload=true");
		assertThat(okJson(offloaded).get("offloaded").asBoolean()).isTrue();
		assertThat(assertTrace(offloaded).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(200 - DELAY_SLACK_MS);

		assertProblem(client().get("/api/sleep?offload=1"), expectedError(() -> Params.flag("offload", "1")),
				"/api/sleep");
		assertProblem(client().get("/api/sleep?delayMs=40000"), expectedError(() -> Params.delay("delayMs", "40000")),
				"/api/sleep");
	}

	// Threads and activity

	@Test
	void threadSnapshotCountsEveryThreadOnce() {
		JsonNode snapshot = okJson(client().get("/api/threads"));
		assertThat(snapshot.get("app").asString()).isEqualTo(contender().app());
		assertThat(snapshot.get("model").asString()).isEqualTo(contender().model());
		assertThat(snapshot.get("javaVersion").asString()).isNotBlank();
		assertThat(snapshot.get("availableProcessors").asInt()).isPositive();
		int live = snapshot.get("live").asInt();
		assertThat(live).isPositive();
		assertThat(snapshot.get("daemon").asInt()).isBetween(0, snapshot.get("peak").asInt());
		assertThat(snapshot.get("peak").asInt()).isGreaterThanOrEqualTo(1);
		int byState = 0;
		for (Thread.State state : Thread.State.values()) {
			byState += snapshot.get("states").get(state.name()).asInt();
		}
		assertThat(byState).isEqualTo(live);
		List<String> pools = new ArrayList<>();
		int byPool = 0;
		for (JsonNode pool : snapshot.get("pools")) {
			pools.add(pool.get("name").asString());
			byPool += pool.get("live").asInt();
			assertThat(pool.get("states").isObject()).isTrue();
		}
		assertThat(byPool).isEqualTo(live);
		assertThat(pools).containsExactlyInAnyOrder(
				java.util.Arrays.stream(ThreadPool.values()).map(ThreadPool::label).toArray(String[]::new));
		assertThat(snapshot.get("inFlight").asInt()).isNotNegative();
		assertThat(snapshot.get("virtualThreads").asInt()).isNotNegative();
		assertThat(Instant.parse(snapshot.get("sampledAt").asString())).isBeforeOrEqualTo(Instant.now());
		ThreadPool servers = (contender() == Contender.REACTIVE) ? ThreadPool.EVENT_LOOP : ThreadPool.REQUEST_WORKERS;
		if (contender() != Contender.VIRTUAL) {
			assertThat(poolLive(snapshot, servers)).as("live %s threads", servers.label()).isPositive();
		}
	}

	@Test
	void threadSnapshotReportsTheDatabaseAndItsPool() {
		okJson(client().get("/api/items/1"));
		JsonNode snapshot = okJson(client().get("/api/threads"));
		JsonNode pool = assertPoolCounts(snapshot);
		assertThat(pool.get("name").asString()).isIn("hikari", "r2dbc");
		assertThat(pool.get("database").asString()).isEqualTo(database().label());
		// lab.db.pool-size: 10 on H2, 25 on PostgreSQL
		int size = (database() == Database.H2) ? 10 : 25;
		assertThat(pool.get("max").asInt()).isEqualTo(size);

		// Two requests more than the pool holds a connection each for their whole delay:
		// the pool lends all it has, two wait, and once all have answered every
		// connection is back.
		List<CompletableFuture<Answer>> holding = new ArrayList<>();
		for (int i = 0; i < size + 2; i++) {
			holding.add(client().sendAsync(client().request("/api/items/1?holdConnection=true&delayMs=1500").build()));
		}
		int mostActive = 0;
		int mostPending = 0;
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (!holding.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() < deadline) {
			JsonNode busy = assertPoolCounts(okJson(client().get("/api/threads")));
			mostActive = Math.max(mostActive, busy.get("active").asInt());
			// Counted only once every connection is lent: a pool that is still opening
			// its connections (Hikari fills to its size in the background) has more
			// requests waiting for a moment than the two it cannot serve.
			if (busy.get("active").asInt() == size) {
				mostPending = Math.max(mostPending, busy.get("pending").asInt());
			}
			sleep(50);
		}
		assertThat(holding).allSatisfy((answer) -> assertThat(answer.join().status()).isEqualTo(200));
		assertThat(mostActive).as("connections lent out at once").isEqualTo(size);
		assertThat(mostPending).as("requests seen waiting for a connection while the pool was all lent")
			.isBetween(1, 2);
		JsonNode after = assertPoolCounts(okJson(client().get("/api/threads")));
		long returned = System.nanoTime() + 5_000_000_000L;
		while (after.get("active").asInt() + after.get("pending").asInt() > 0 && System.nanoTime() < returned) {
			sleep(50);
			after = assertPoolCounts(okJson(client().get("/api/threads")));
		}
		assertThat(after.get("active").asInt()).as("connections still lent out in %s", after).isZero();
		assertThat(after.get("pending").asInt()).as("requests still waiting in %s", after).isZero();

		JsonNode pinned = snapshot.get("pinnedEvents");
		if (contender() == Contender.VIRTUAL) {
			assertThat(pinned.isNumber()).as("pinnedEvents").isTrue();
		}
		else {
			assertThat(pinned == null || pinned.isNull()).as("pinnedEvents").isTrue();
		}
	}

	/**
	 * The pool's counts, each one possible for a pool of its size.
	 * @param snapshot an answer of {@code /api/threads}
	 * @return its {@code dbPool}
	 */
	private static JsonNode assertPoolCounts(JsonNode snapshot) {
		JsonNode pool = snapshot.get("dbPool");
		assertThat(pool.isObject()).as("dbPool in %s", snapshot).isTrue();
		int max = pool.get("max").asInt();
		int active = pool.get("active").asInt();
		int idle = pool.get("idle").asInt();
		assertThat(active).as("active in %s", pool).isBetween(0, max);
		assertThat(idle).as("idle in %s", pool).isNotNegative();
		assertThat(active + idle).as("open connections in %s", pool).isLessThanOrEqualTo(max);
		assertThat(pool.get("pending").asInt()).as("pending in %s", pool).isNotNegative();
		return pool;
	}

	@Test
	void holdConnectionIsASwitchOnEveryDatabaseEndpoint() {
		for (String path : List.of("/api/items/1", "/api/items", "/api/mixed")) {
			Answer held = client()
				.get(path + "?holdConnection=true&" + (path.equals("/api/mixed") ? "dbDelayMs" : "delayMs") + "=100");
			assertThat(assertTrace(held).get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(100 - DELAY_SLACK_MS);
			assertProblem(client().get(path + "?holdConnection=yes"), expectedError(() -> Params.holdConnection("yes")),
					path);
		}
		Answer created = client().postJson("/api/items?holdConnection=true&delayMs=50", "{\"name\": \"held\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
	}

	@Test
	void threadSnapshotSeesRequestsInFlight() {
		List<CompletableFuture<Answer>> waiting = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			waiting.add(client().sendAsync(client().request("/api/items/1?delayMs=1500").build()));
		}
		int seen = 0;
		long deadline = System.nanoTime() + 1_200_000_000L;
		while (seen < 5 && System.nanoTime() < deadline) {
			seen = Math.max(seen, okJson(client().get("/api/threads")).get("inFlight").asInt());
			sleep(50);
		}
		assertThat(seen).isGreaterThanOrEqualTo(5);
		waiting.forEach(CompletableFuture::join);
	}

	@Test
	void activityRecordsFinishedRequestsWithTheirTrace() {
		long after = latestActivity();
		String id = "kit-activity-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
		Answer item = client().get("/api/items/7", Map.of("X-Request-Id", id));
		Answer missing = client().get("/api/items/987654321", Map.of("X-Request-Id", id + "-404"));
		client().get("/api/threads", Map.of("X-Request-Id", id + "-threads"));
		client().get("/actuator/health", Map.of("X-Request-Id", id + "-health"));
		assertThat(missing.status()).isEqualTo(404);

		List<JsonNode> entries = activityAfter(after, 2, id);
		JsonNode entry = entries.stream()
			.filter((e) -> e.get("requestId").asString().equals(id))
			.findFirst()
			.orElseThrow();
		JsonNode trace = item.json().get("trace");
		for (String field : List.of("app", "model", "requestId", "arrival", "completion", "receivedAt", "completedAt",
				"startThread", "endThread")) {
			assertThat(entry.get(field).asString()).as(field).isEqualTo(trace.get(field).asString());
		}
		assertThat(entry.get("path").asString()).isEqualTo("/api/items/7");
		assertThat(entry.get("status").asInt()).isEqualTo(200);
		JsonNode notFound = entries.stream()
			.filter((e) -> e.get("requestId").asString().equals(id + "-404"))
			.findFirst()
			.orElseThrow();
		assertThat(notFound.get("status").asInt()).isEqualTo(404);
		assertThat(entries).noneMatch((e) -> e.get("requestId").asString().startsWith(id + "-threads")
				|| e.get("requestId").asString().startsWith(id + "-health"));
	}

	@Test
	void activityPagesFollowOnWithoutGapsOrRepeats() {
		long start = latestActivity();
		for (int i = 0; i < 7; i++) {
			client().get("/api/items/" + (i + 1));
		}
		JsonNode first = okJson(client().get("/api/activity?after=" + start + "&limit=3"));
		assertThat(first.get("items").size()).isEqualTo(3);
		long next = first.get("next").asLong();
		JsonNode rest = okJson(client().get("/api/activity?after=" + next + "&limit=1000"));
		List<Long> seqs = new ArrayList<>();
		first.get("items").forEach((e) -> seqs.add(e.get("seq").asLong()));
		rest.get("items").forEach((e) -> seqs.add(e.get("seq").asLong()));
		assertThat(seqs).hasSizeGreaterThanOrEqualTo(7).isSorted().doesNotHaveDuplicates();
		assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isEqualTo(seqs.size() - 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "after=-1", "after=x", "limit=0", "limit=10001" })
	void activityParametersOutsideTheirRangeAre400(String query) {
		String name = query.substring(0, query.indexOf('='));
		String value = query.substring(query.indexOf('=') + 1);
		LabException expected = expectedError(() -> {
			if (name.equals("after")) {
				Params.activityAfter(value);
			}
			else {
				Params.activityLimit(value);
			}
		});
		assertProblem(client().get("/api/activity?" + query), expected, "/api/activity");
	}

	// Errors and actuator

	@Test
	void unknownPathIs404() {
		assertProblem(client().get("/api/nothing-here"), LabException.noRoute("GET", "/api/nothing-here"),
				"/api/nothing-here");
		assertProblem(client().get("/"), LabException.noRoute("GET", "/"), "/");
	}

	@Test
	void wrongMethodIs405() {
		assertProblem(client().send("DELETE", "/api/items/1", "", new byte[0]),
				LabException.methodNotAllowed("DELETE", "/api/items/1"), "/api/items/1");
		assertProblem(client().send("POST", "/api/cpu", "application/json", "{}".getBytes()),
				LabException.methodNotAllowed("POST", "/api/cpu"), "/api/cpu");
		assertProblem(client().send("PATCH", "/api/files/sample-4k.txt", "application/octet-stream", new byte[1]),
				LabException.methodNotAllowed("PATCH", "/api/files/sample-4k.txt"), "/api/files/sample-4k.txt");
	}

	@Test
	void anAcceptHeaderThatAllowsNoAnswerIs406() {
		assertProblem(client().get("/api/items/1", Map.of("Accept", "text/plain")), LabException.notAcceptable(),
				"/api/items/1");
		assertThat(client().get("/api/items/1", Map.of("Accept", "application/*")).status()).isEqualTo(200);
		assertThat(client().get("/api/items/1", Map.of("Accept", "text/html, */*;q=0.1")).status()).isEqualTo(200);
	}

	@Test
	void actuatorExposesHealthInfoMetricsAndPrometheusOnly() {
		Answer health = client().get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
		assertThat(client().get("/actuator/info").status()).isEqualTo(200);
		assertThat(client().get("/actuator/metrics").json().get("names").isArray()).isTrue();
		Answer prometheus = client().get("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.text()).contains("jvm_threads_live_threads");
		for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "mappings",
				"shutdown")) {
			Answer answer = client().get("/actuator/" + hidden);
			assertThat(answer.status()).as(hidden).isEqualTo(404);
			assertProblem(answer, LabException.noRoute("GET", "/actuator/" + hidden), "/actuator/" + hidden);
		}
	}

	// Helpers

	/**
	 * Checks a trace against the contract and answers it.
	 * @param answer a successful answer whose body carries a trace
	 * @return the trace
	 */
	protected JsonNode assertTrace(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isBetween(200, 299);
		JsonNode trace = answer.json().get("trace");
		assertThat(trace).as("trace in " + answer).isNotNull();
		assertThat(trace.get("app").asString()).isEqualTo(contender().app());
		assertThat(trace.get("model").asString()).isEqualTo(contender().model());
		assertThat(trace.get("requestId").asString()).matches(Limits.REQUEST_ID_PATTERN);
		assertThat(trace.get("arrival").asLong()).isPositive();
		assertThat(trace.get("completion").asLong()).isPositive();
		Instant received = Instant.parse(trace.get("receivedAt").asString());
		Instant completed = Instant.parse(trace.get("completedAt").asString());
		assertThat(completed).isAfterOrEqualTo(received);
		assertThat(trace.get("elapsedMs").asDouble()).isNotNegative()
			.isLessThanOrEqualTo(answer.clientMs() + DELAY_SLACK_MS);
		assertThat(trace.get("startThread").asString()).isNotBlank();
		assertThat(trace.get("endThread").asString()).isNotBlank();
		return trace;
	}

	/**
	 * Checks that an answer is the problem an error describes, field for field.
	 * @param answer the answer
	 * @param expected the error the shared code raises for the same input
	 * @param instance the path the problem should name
	 */
	protected void assertProblem(Answer answer, LabException expected, String instance) {
		ProblemKind kind = expected.kind();
		assertThat(answer.status()).as(answer.toString()).isEqualTo(kind.status());
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(problem.get("type").asString()).isEqualTo(kind.type().toString());
		assertThat(problem.get("title").asString()).isEqualTo(kind.title());
		assertThat(problem.get("status").asInt()).isEqualTo(kind.status());
		assertThat(problem.get("detail").asString()).isEqualTo(expected.detail());
		assertThat(problem.get("instance").asString()).isEqualTo(instance);
		assertNoLeak(answer);
	}

	private static void assertNoLeak(Answer answer) {
		assertThat(answer.text()).doesNotContain("Exception", "java.", "\tat ", "/tmp/", "/home/", "/work/", "/root/",
				"threadlab-data");
	}

	private JsonNode okJson(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
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

	private List<Long> allItemIds() {
		List<Long> ids = new ArrayList<>();
		for (int offset = 0;; offset += Limits.MAX_LIMIT) {
			JsonNode items = okJson(client().get("/api/items?limit=100&offset=" + offset)).get("items");
			if (items.isEmpty()) {
				return ids;
			}
			ids.addAll(ids(items));
		}
	}

	private static List<Long> ids(JsonNode items) {
		List<Long> ids = new ArrayList<>();
		items.forEach((item) -> ids.add(item.get("id").asLong()));
		return ids;
	}

	private List<String> listedNames() {
		List<String> names = new ArrayList<>();
		okJson(client().get("/api/files")).get("files").forEach((file) -> names.add(file.get("name").asString()));
		return names;
	}

	private static int poolLive(JsonNode snapshot, ThreadPool pool) {
		for (JsonNode node : snapshot.get("pools")) {
			if (node.get("name").asString().equals(pool.label())) {
				return node.get("live").asInt();
			}
		}
		return 0;
	}

	private long latestActivity() {
		long after = 0;
		while (true) {
			long next = okJson(client().get("/api/activity?limit=10000&after=" + after)).get("next").asLong();
			if (next == after) {
				return after;
			}
			after = next;
		}
	}

	private List<JsonNode> activityAfter(long after, int atLeast, String idPrefix) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		List<JsonNode> entries = new ArrayList<>();
		long cursor = after;
		while (System.nanoTime() < deadline) {
			JsonNode page = okJson(client().get("/api/activity?after=" + cursor));
			page.get("items").forEach(entries::add);
			cursor = page.get("next").asLong();
			if (entries.stream().filter((e) -> e.get("requestId").asString().startsWith(idPrefix)).count() >= atLeast) {
				return entries;
			}
			sleep(50);
		}
		return entries;
	}

	private static String sampleDigest(FileEntry sample) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		DataFolder.writeSample(sample, bytes);
		return sha256(bytes.toByteArray());
	}

	private static String digestChain(int iterations) {
		byte[] value = "threadlab".getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < iterations; i++) {
			value = sha256Bytes(value);
		}
		return HexFormat.of().formatHex(value);
	}

	private static byte[] sha256Bytes(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String uniqueName(String what) {
		return "kit-" + what + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".bin";
	}

	/**
	 * Called with the answer of {@code /api/sleep} without {@code offload}, the one
	 * request of this kit that blocks a server thread on purpose. A contender whose
	 * threads must never block takes that one blocking call here, and asserts it was the
	 * sleep; every other request of the kit must make none.
	 * @param inline the answer of the sleep that was not offloaded
	 */
	protected void sleptWithoutOffload(Answer inline) {
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
