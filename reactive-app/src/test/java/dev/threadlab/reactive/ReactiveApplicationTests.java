package dev.threadlab.reactive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.threadlab.reactive.NoBlockingCalls.BlockingCall;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.trace.Tracer;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import static dev.threadlab.shared.kit.TestBytes.sha256;
import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server, on Reactor Netty's event loops, with BlockHound watching every test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(NoBlockingCalls.class)
class ReactiveApplicationTests {

	private static final String EVENT_LOOP = "reactor-http-(epoll|nio)-\\d+";

	/**
	 * The server's event loops: {@code EventLoopConfiguration} takes Reactor Netty's
	 * default count.
	 */
	private static final int EVENT_LOOPS = LoopResources.DEFAULT_IO_WORKER_COUNT;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private DataFolder folder;

	@Autowired
	private Tracer tracer;

	private LabClient client;

	@BeforeEach
	void openClient() {
		this.client = new LabClient(URI.create("http://127.0.0.1:" + this.port));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void everyEndpointAnswersWithoutBlockingAnEventLoopOrATimer() {
		byte[] upload = randomBytes(3 * Limits.CHUNK_BYTES + 123);
		String name = "no-blocking-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".bin";
		byte[] tooLarge = new byte[(int) Limits.MAX_UPLOAD_BYTES + 1];
		List<Exchange> exchanges = List.of(get("/api/items/1", 200), get("/api/items/2?delayMs=20", 200),
				get("/api/items", 200), get("/api/items?delayMs=20&limit=5&offset=10", 200),
				post("/api/items", "{\"name\": \"quick\"}", 201),
				post("/api/items?delayMs=20", "{\"name\": \"patient\"}", 201), get("/api/files", 200),
				get("/api/files/sample-1m.bin", 200), get("/api/files/sample-4k.txt?delayMs=20", 200),
				get("/api/files/sample-1m.bin/content", 200), get("/api/files/sample-1m.bin/content?delayMs=20", 200),
				put("/api/files/" + name, upload, 201), put("/api/files/" + name + "?delayMs=20", upload, 200),
				streamedPut("/api/files/" + name + "?delayMs=20", upload, 200),
				get("/api/mixed?dbDelayMs=20&fileDelayMs=20", 200),
				get("/api/mixed?dbDelayMs=20&fileDelayMs=20&parallel=true", 200),
				// The same with each delay holding a pooled connection, in a transaction
				get("/api/items/3?delayMs=20&holdConnection=true", 200),
				get("/api/items?delayMs=20&limit=5&holdConnection=true", 200),
				post("/api/items?delayMs=20&holdConnection=true", "{\"name\": \"held\"}", 201),
				get("/api/mixed?dbDelayMs=20&fileDelayMs=20&parallel=true&holdConnection=true", 200),
				get("/api/cpu?iterations=1000", 200), get("/api/sleep?delayMs=20&offload=true", 200),
				get("/api/threads", 200), get("/api/activity", 200), get("/actuator/health", 200),
				get("/actuator/info", 200), get("/actuator/metrics", 200), get("/actuator/prometheus", 200),
				// Errors: parameters, bodies, names, sizes, routes and methods
				get("/api/items/abc", 400), get("/api/items/999999", 404),
				get("/api/items/999999?delayMs=20&holdConnection=true", 404),
				get("/api/items/1?holdConnection=maybe", 400), get("/api/items?limit=0", 400),
				post("/api/items", "{\"name\": ", 400), post("/api/items?delayMs=-1", "{\"name\": \"x\"}", 400),
				send("POST", "/api/items", "text/plain", "x".getBytes(), 415), get("/api/files/no-such.bin", 404),
				get("/api/files/bad%20name", 400), put("/api/files/too-large.bin", tooLarge, 413),
				streamedPut("/api/files/too-large.bin", tooLarge, 413), put("/api/files/empty.bin", new byte[0], 400),
				get("/api/cpu?iterations=0", 400), get("/api/nowhere", 404), get("/actuator/env", 404),
				send("DELETE", "/api/items/1", "", new byte[0], 405));
		for (Exchange exchange : exchanges) {
			Answer answer = this.client.send(exchange.request());
			assertThat(answer.status()).as(answer.toString()).isEqualTo(exchange.status());
		}
		// NoBlockingCalls fails the test if any of these blocked a thread that must not.
	}

	@Test
	void aSleepOnTheEventLoopIsCaught() {
		Answer answer = this.client.get("/api/sleep?delayMs=20");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		String thread = answer.json().get("trace").get("startThread").asString();
		List<BlockingCall> calls = NoBlockingCalls.drain();
		assertThat(calls).as("BlockHound saw the sleep: detection is on").anySatisfy((call) -> {
			assertThat(call.method()).isEqualTo("java.lang.Thread.sleep");
			assertThat(call.thread()).isEqualTo(thread).matches(EVENT_LOOP);
		});
	}

	@Test
	void contextHasNoDataSourceOnlyAPoolOfTenR2dbcConnections() {
		assertThat(this.context.getBeanNamesForType(DataSource.class)).isEmpty();
		ConnectionFactory connections = this.context.getBean(ConnectionFactory.class);
		assertThat(connections).isInstanceOf(ConnectionPool.class);
		PoolMetrics pool = ((ConnectionPool) connections).getMetrics().orElseThrow();
		assertThat(pool.getMaxAllocatedSize()).isEqualTo(10);
	}

	@Test
	void hundredConcurrentDelayedReadsAreServedByAFewEventLoopsAtOnce() {
		long start = System.nanoTime();
		List<Answer> answers = this.client.sendAll(100,
				(i) -> this.client.request("/api/items/1?delayMs=500").GET().build());
		double elapsedMs = (System.nanoTime() - start) / 1_000_000.0;
		Set<String> startThreads = new HashSet<>();
		for (Answer answer : answers) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			JsonNode trace = answer.json().get("trace");
			assertThat(trace.get("elapsedMs").asDouble()).isGreaterThanOrEqualTo(500);
			startThreads.add(trace.get("startThread").asString());
		}
		// At most the server's loops, however many cores this machine has: a hundred
		// requests waiting at once still share those few threads.
		assertThat(startThreads).hasSizeBetween(1, EVENT_LOOPS).allMatch((thread) -> thread.matches(EVENT_LOOP));
		assertThat(elapsedMs).as("all 100 waited at the same time").isLessThan(3_000);
	}

	@Test
	void heldConnectionsMakeThePoolOfTenTheLimit() {
		// Without the switch the delay is a timer alone: twenty wait together, one wave.
		List<Answer> free = this.client.sendAll(20,
				(i) -> this.client.request("/api/items/1?delayMs=500").GET().build());
		assertThat(free).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.json().get("trace").get("elapsedMs").asDouble()).isBetween(500.0, 900.0);
		});
		// With it each delay holds one of the pool's ten connections: ten wait for the
		// others.
		List<JsonNode> pools = new CopyOnWriteArrayList<>();
		AtomicBoolean racing = new AtomicBoolean(true);
		CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
			try (LabClient sampling = new LabClient(this.client.base())) {
				while (racing.get()) {
					pools.add(sampling.get("/api/threads").json().get("dbPool"));
				}
			}
		});
		long start = System.nanoTime();
		List<Answer> held = this.client.sendAll(20,
				(i) -> this.client.request("/api/items/1?delayMs=500&holdConnection=true").GET().build());
		double elapsedMs = (System.nanoTime() - start) / 1_000_000.0;
		racing.set(false);
		sampler.join();
		assertThat(held).allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
		// Whatever the timing of the arrivals, the last ten can only start once the first
		// ten have given their connections back.
		assertThat(elapsedMs).as("two waves of 500 ms, one after the other").isGreaterThanOrEqualTo(950);
		assertThat(pools).allSatisfy((pool) -> {
			assertThat(pool.get("name").asString()).isEqualTo("r2dbc");
			assertThat(pool.get("max").asInt()).isEqualTo(10);
			assertThat(pool.get("active").asInt()).isBetween(0, 10);
		});
		assertThat(pools).as("the pool all lent out, with requests queued for it").anySatisfy((pool) -> {
			assertThat(pool.get("active").asInt()).isEqualTo(10);
			assertThat(pool.get("pending").asInt()).isPositive();
		});
		JsonNode after = this.client.get("/api/threads").json();
		assertThat(after.get("dbPool").get("active").asInt()).isZero();
		assertThat(after.get("dbPool").get("pending").asInt()).isZero();
		assertThat(after.get("pinnedEvents").isNull()).as("no virtual threads, nothing pinned: not recorded").isTrue();
	}

	@Test
	void aSleepOnEveryEventLoopHoldsUpAProbeUntilALoopWakes() {
		// One sleep per loop (four on up to four cores). The probe comes once one has
		// begun: not all of them, since a sleep on the accepting loop may keep the others
		// out for its two seconds, which is the lesson too.
		Probed probed = probeWhileBusy("/api/sleep?delayMs=2000", 1);
		assertThat(probed.startThreads()).as("one sleep parks each event loop")
			.hasSize(EVENT_LOOPS)
			.allMatch((thread) -> thread.matches(EVENT_LOOP));
		assertThat(probed.probeReceivedAt()).as("the probe is not even read before a loop wakes")
			.isAfterOrEqualTo(probed.firstBusyCompletedAt());
		assertThat(probed.probe().clientMs()).as("the probe's loop is asleep").isGreaterThanOrEqualTo(1_000);
		// On purpose here: taken, so that NoBlockingCalls does not fail the test.
		assertThat(NoBlockingCalls.drain()).as("BlockHound saw each sleep")
			.hasSize(EVENT_LOOPS)
			.allSatisfy((call) -> assertThat(call.method()).isEqualTo("java.lang.Thread.sleep"));
	}

	@Test
	void offloadedSleepsLeaveTheEventLoopsFreeForAProbe() {
		// The probe comes once every sleep has begun.
		Probed probed = probeWhileBusy("/api/sleep?delayMs=2000&offload=true", EVENT_LOOPS);
		assertThat(probed.busy())
			.allSatisfy((answer) -> assertThat(answer.json().get("trace").get("endThread").asString())
				.startsWith("boundedElastic-"));
		// The probe needs a few milliseconds; the bound leaves room for a loaded machine.
		assertThat(probed.probe().clientMs()).as("no loop is asleep").isLessThan(300);
	}

	@Test
	void cpuWorkOnEveryEventLoopHoldsUpAProbeToo() {
		// The most rounds allowed: about half a second of one core each, so with a call
		// per loop sharing the cores each runs for a second or more. No thread waits,
		// so an event loop has nothing to gain here: every model is bound by the cores.
		Probed probed = probeWhileBusy("/api/cpu?iterations=" + Limits.MAX_ITERATIONS, 1);
		assertThat(probed.startThreads()).as("CPU work on each event loop")
			.hasSize(EVENT_LOOPS)
			.allMatch((thread) -> thread.matches(EVENT_LOOP));
		assertThat(probed.probeReceivedAt()).as("the probe is not even read before a loop is done")
			.isAfterOrEqualTo(probed.firstBusyCompletedAt());
		double serverMs = probed.probe().json().get("trace").get("elapsedMs").asDouble();
		assertThat(probed.probe().clientMs() - serverMs).as("the probe waited for a loop, not in its handler")
			.isGreaterThanOrEqualTo(300);
	}

	@Test
	void concurrentPostsCreateDistinctReadableItems() {
		String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
		List<Answer> created = this.client.sendAll(200,
				(i) -> this.client.request("/api/items")
					.header("Content-Type", "application/json")
					.POST(BodyPublishers.ofString("{\"name\": \"post-" + run + "-" + i + "\"}"))
					.build());
		Set<Long> ids = new HashSet<>();
		for (int i = 0; i < created.size(); i++) {
			Answer answer = created.get(i);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
			JsonNode item = answer.json().get("item");
			assertThat(answer.header("Location")).isEqualTo("/api/items/" + item.get("id").asLong());
			assertThat(item.get("name").asString()).isEqualTo("post-" + run + "-" + i);
			ids.add(item.get("id").asLong());
		}
		assertThat(ids).hasSize(200);
		List<Answer> read = this.client
			.sendAll(ids.stream().map((id) -> this.client.request("/api/items/" + id).GET().build()).toList());
		for (Answer answer : read) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.json().get("item").get("name").asString()).startsWith("post-" + run + "-");
		}
	}

	@Test
	void concurrentUploadsOfDifferentFilesEachReadBackWithTheirDigest() {
		String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
		List<byte[]> bodies = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			// A few bytes to several chunks: uploads end mid-chunk and on a boundary.
			bodies.add(randomBytes((i % 5 == 0) ? 2 * Limits.CHUNK_BYTES : 1 + i * 4099));
		}
		List<Answer> uploads = this.client.sendAll(50,
				(i) -> this.client.request("/api/files/upload-" + run + "-" + i + ".bin")
					.PUT(BodyPublishers.ofByteArray(bodies.get(i)))
					.build());
		List<HttpRequest> reads = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			Answer upload = uploads.get(i);
			assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
			assertThat(upload.json().get("file").get("sha256").asString()).isEqualTo(sha256(bodies.get(i)));
			reads.add(this.client.request("/api/files/upload-" + run + "-" + i + ".bin").GET().build());
			reads.add(this.client.request("/api/files/upload-" + run + "-" + i + ".bin/content").GET().build());
		}
		List<Answer> answers = this.client.sendAll(reads);
		for (int i = 0; i < 50; i++) {
			Answer described = answers.get(2 * i);
			Answer content = answers.get(2 * i + 1);
			assertThat(described.status()).as(described.toString()).isEqualTo(200);
			JsonNode file = described.json().get("file");
			assertThat(file.get("bytes").asLong()).isEqualTo(bodies.get(i).length);
			assertThat(file.get("sha256").asString()).isEqualTo(sha256(bodies.get(i)));
			assertThat(content.status()).isEqualTo(200);
			assertThat(content.header("Content-Length")).isEqualTo(String.valueOf(bodies.get(i).length));
			assertThat(sha256(content.bytes())).isEqualTo(sha256(bodies.get(i)));
		}
	}

	@Test
	void rejectedRequestsChangeNothing() throws IOException {
		long items = itemCount();
		List<String> files = folderEntries();
		byte[] tooLarge = new byte[(int) Limits.MAX_UPLOAD_BYTES + 1];
		List<Exchange> rejected = List.of(post("/api/items", "{\"name\": \"   \"}", 400),
				post("/api/items", "{\"name\": \"" + "n".repeat(101) + "\"}", 400), post("/api/items", "{\"nam", 400),
				post("/api/items", "[]", 400), post("/api/items?delayMs=30001", "{\"name\": \"late\"}", 400),
				post("/api/items?holdConnection=nope", "{\"name\": \"held\"}", 400),
				post("/api/items?holdConnection=true", "{\"name\": \"   \"}", 400),
				send("POST", "/api/items", "text/plain", "{\"name\": \"plain\"}".getBytes(), 415),
				put("/api/files/bad%20name.bin", new byte[] { 1 }, 400), put("/api/files/..", new byte[] { 1 }, 400),
				put("/api/files/rejected.bin?delayMs=abc", new byte[] { 1 }, 400),
				put("/api/files/rejected.bin", new byte[0], 400), put("/api/files/rejected.bin", tooLarge, 413),
				streamedPut("/api/files/rejected.bin", tooLarge, 413),
				streamedPut("/api/files/rejected.bin", new byte[0], 400));
		for (Exchange exchange : rejected) {
			Answer answer = this.client.send(exchange.request());
			assertThat(answer.status()).as(answer.toString()).isEqualTo(exchange.status());
			assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
		}
		assertThat(itemCount()).isEqualTo(items);
		assertThat(folderEntries()).as("no new file, no temporary file left").isEqualTo(files);
	}

	@Test
	void aUriSpringCannotParseIsStillAProblem() throws IOException {
		// Sent by hand: java.net.http refuses to build such a URI.
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream()
				.write("GET /api/files/%ZZ HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 400 ")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.contains("\"status\":400", "\"type\":\"urn:threadlab:problem:malformed-request\"");
		}
	}

	/**
	 * Sends one request for {@code busyPath} per event loop at once, each on a new
	 * connection, waits until {@code inFlight} of them are being handled, then sends a
	 * probe {@code GET /api/items/1} on one more connection. Reactor Netty hands new
	 * connections to its loops in turn, and one of those loops also accepts them: so the
	 * busy requests cover every loop, and the probe either queues behind the first of
	 * them or, while the accepting loop is busy, waits to be accepted at all.
	 */
	private Probed probeWhileBusy(String busyPath, int inFlight) {
		try (LabClient busyClient = new LabClient(this.client.base());
				LabClient probeClient = new LabClient(this.client.base())) {
			List<CompletableFuture<Answer>> busy = new ArrayList<>();
			for (int i = 0; i < EVENT_LOOPS; i++) {
				busy.add(busyClient.sendAsync(busyClient.request(busyPath).GET().build()));
			}
			// Asked in process, not over HTTP: a request would queue on a busy loop.
			long deadline = System.nanoTime() + 10_000_000_000L;
			while (this.tracer.inFlight() < inFlight && System.nanoTime() < deadline) {
				pause(5);
			}
			assertThat(this.tracer.inFlight()).as("busy requests in flight").isGreaterThanOrEqualTo(inFlight);
			// Long enough for every busy connection to be opened before the probe's.
			pause(100);
			Answer probe = probeClient.get("/api/items/1");
			List<Answer> answers = busy.stream().map(CompletableFuture::join).toList();
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
			assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
			return new Probed(answers, probe);
		}
	}

	private static void pause(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long itemCount() {
		Long count = this.db.sql("SELECT COUNT(*) FROM items").map((row) -> row.get(0, Long.class)).one().block();
		return (count != null) ? count : -1;
	}

	private List<String> folderEntries() throws IOException {
		try (Stream<Path> entries = Files.list(this.folder.dir())) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
	}

	private Exchange get(String path, int status) {
		return new Exchange(this.client.request(path).GET().build(), status);
	}

	private Exchange post(String path, String json, int status) {
		return send("POST", path, "application/json", json.getBytes(), status);
	}

	private Exchange put(String path, byte[] body, int status) {
		return send("PUT", path, "application/octet-stream", body, status);
	}

	/** A PUT of unknown length: chunked, so the server finds the size as it reads. */
	private Exchange streamedPut(String path, byte[] body, int status) {
		return new Exchange(this.client.request(path)
			.PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build(), status);
	}

	private Exchange send(String method, String path, String contentType, byte[] body, int status) {
		HttpRequest.Builder request = this.client.request(path)
			.method(method, (body.length == 0) ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body));
		if (!contentType.isEmpty()) {
			request.header("Content-Type", contentType);
		}
		return new Exchange(request.build(), status);
	}

	private record Exchange(HttpRequest request, int status) {
	}

	private record Probed(List<Answer> busy, Answer probe) {

		Set<String> startThreads() {
			Set<String> threads = new HashSet<>();
			this.busy.forEach((answer) -> threads.add(answer.json().get("trace").get("startThread").asString()));
			return threads;
		}

		Instant firstBusyCompletedAt() {
			return this.busy.stream()
				.map((answer) -> traceInstant(answer, "completedAt"))
				.min(Instant::compareTo)
				.orElseThrow();
		}

		Instant probeReceivedAt() {
			return traceInstant(this.probe, "receivedAt");
		}

		private static Instant traceInstant(Answer answer, String field) {
			return Instant.parse(answer.json().get("trace").get(field).asString());
		}

	}

}
