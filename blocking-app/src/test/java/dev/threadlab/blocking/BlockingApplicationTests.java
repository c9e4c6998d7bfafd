package dev.threadlab.blocking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.limits.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static dev.threadlab.shared.kit.TestBytes.sha256;
import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BlockingApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataFolder folder;

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
	void eachRequestIsServedByOneTomcatWorkerFromStartToEnd() {
		for (String path : List.of("/api/items/1?delayMs=20", "/api/files/sample-4k.txt?delayMs=20",
				"/api/mixed?dbDelayMs=20&fileDelayMs=20&parallel=true", "/api/sleep?delayMs=20&offload=true")) {
			JsonNode trace = ok(this.client.get(path)).get("trace");
			assertThat(trace.get("startThread").asString()).as(path).matches("http-nio-.+-exec-\\d+");
			assertThat(trace.get("endThread").asString()).as(path).isEqualTo(trace.get("startThread").asString());
		}
	}

	@Test
	void rejectedRequestsChangeNothing() throws IOException {
		long items = itemCount();
		List<FileEntry> files = this.folder.list();
		byte[] tooLarge = new byte[(int) Limits.MAX_UPLOAD_BYTES + 1];

		assertThat(this.client.put("/api/files/bad%20name", randomBytes(10)).status()).isEqualTo(400);
		assertThat(this.client.put("/api/files/fine.bin?delayMs=x", randomBytes(10)).status()).isEqualTo(400);
		assertThat(this.client.send("PUT", "/api/files/empty.bin", "", new byte[0]).status()).isEqualTo(400);
		// Declared too large: refused unread; Tomcat swallows the rest, so the client
		// sees the 413 rather than a reset connection.
		assertThat(this.client.put("/api/files/sample-4k.txt", tooLarge).status()).isEqualTo(413);
		// Too large without a declared length: found out while streaming.
		assertThat(this.client
			.send(this.client.request("/api/files/chunked.bin")
				.PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge)))
				.build())
			.status()).isEqualTo(413);
		assertThat(this.client.postJson("/api/items", "{\"name\": ").status()).isEqualTo(400);
		assertThat(this.client.postJson("/api/items?delayMs=-1", "{\"name\": \"fine\"}").status()).isEqualTo(400);
		assertThat(this.client.send("POST", "/api/items", "text/plain", "{\"name\": \"x\"}".getBytes()).status())
			.isEqualTo(415);

		assertThat(itemCount()).isEqualTo(items);
		assertThat(this.folder.list()).isEqualTo(files);
		try (Stream<java.nio.file.Path> entries = Files.list(this.folder.dir())) {
			assertThat(entries.map((path) -> path.getFileName().toString())).noneMatch((n) -> n.startsWith("~"));
		}
	}

	@Test
	void pathsTomcatRejectsItselfAreProblemsToo() {
		for (String path : List.of("/api/files/x%00y", "/api/files/a%2Fb", "/api/files/a%5Cb/content")) {
			Answer answer = this.client.get(path);
			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
			assertThat(answer.json().get("instance").asString()).isEqualTo(path);
		}
	}

	@Test
	void actuatorSaysWhichContenderThisIs() {
		assertThat(ok(this.client.get("/actuator/info")).get("app").get("contender").asString()).isEqualTo("blocking");
		Answer prometheus = this.client.get("/actuator/prometheus");
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.text()).contains("jvm_threads_live_threads", "hikaricp_connections_max");
	}

	@Test
	void heldConnectionsMakeThePoolOfTenTheLimit() {
		JsonNode idle = ok(this.client.get("/api/threads")).get("dbPool");
		assertThat(idle.get("name").asString()).isEqualTo("hikari");
		assertThat(idle.get("max").asInt()).isEqualTo(10);

		// Without holding, twenty 500 ms delays on 200 request threads run all at once.
		List<Answer> free = this.client.sendAll(20, (i) -> this.client.request("/api/items/1?delayMs=500").build());
		assertThat(slowest(free)).isLessThan(900);

		// Holding, ten wait for a connection until the first ten give theirs back.
		CompletableFuture<List<Answer>> held = CompletableFuture.supplyAsync(() -> this.client.sendAll(20,
				(i) -> this.client.request("/api/items/1?delayMs=500&holdConnection=true").build()));
		JsonNode fullest = idle;
		while (!held.isDone()) {
			JsonNode pool = ok(this.client.get("/api/threads")).get("dbPool");
			if (pool.get("active").asInt() == 10 && pool.get("pending").asInt() > 0) {
				fullest = pool;
			}
			sleep(50);
		}
		assertThat(fullest.get("active").asInt()).as("hikari during the held run").isEqualTo(10);
		assertThat(fullest.get("pending").asInt()).as("hikari during the held run").isPositive();
		List<Answer> waves = held.join();
		assertThat(slowest(waves)).isGreaterThanOrEqualTo(950);
		// Every request took its thread at once; ten of them then waited for the pool.
		assertThat(waves.stream().filter((answer) -> elapsedMs(answer) >= 950)).hasSizeBetween(5, 15);
	}

	@Test
	void labKnobsAreAnUnknownPathUnlessEnabled() {
		for (Answer answer : List.of(this.client.get("/api/lab/knobs"),
				this.client.send("PUT", "/api/lab/knobs/tomcat-threads?max=2", "", new byte[0]))) {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
			assertThat(answer.json().get("detail").asString()).startsWith("Nothing is served at ");
		}
	}

	/** The server's time for the slowest request, from its own trace. */
	private static long slowest(List<Answer> answers) {
		return answers.stream().mapToLong(BlockingApplicationTests::elapsedMs).max().orElseThrow();
	}

	private static long elapsedMs(Answer answer) {
		return (long) ok(answer).get("trace").get("elapsedMs").asDouble();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long itemCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM items").query(Long.class).single();
	}

	private static JsonNode ok(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

}
