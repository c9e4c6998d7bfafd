package dev.threadlab.blocking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
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
	void concurrentPostsCreateDistinctReadableItems() {
		long before = itemCount();
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
			long id = answer.json().get("item").get("id").asLong();
			ids.add(id);
			assertThat(answer.header("Location")).isEqualTo("/api/items/" + id);
			assertThat(ok(this.client.get("/api/items/" + id)).get("item").get("name").asString())
				.isEqualTo("post-" + run + "-" + i);
		}
		assertThat(ids).hasSize(200);
		assertThat(itemCount()).isEqualTo(before + 200);
	}

	@Test
	void concurrentUploadsEachReadBackWithTheirDigest() {
		int count = 50;
		List<String> names = new ArrayList<>();
		List<byte[]> bodies = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add("upload-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" + i + ".bin");
			// Sizes around the 64 KiB chunk, below, on and across it.
			bodies.add(randomBytes(1 + i * 4_099));
		}
		List<Answer> answers = this.client.sendAll(count,
				(i) -> this.client.request("/api/files/" + names.get(i))
					.PUT(BodyPublishers.ofByteArray(bodies.get(i)))
					.build());
		for (int i = 0; i < count; i++) {
			Answer answer = answers.get(i);
			assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
			String digest = sha256(bodies.get(i));
			assertThat(answer.json().get("file").get("sha256").asString()).isEqualTo(digest);
			JsonNode file = ok(this.client.get("/api/files/" + names.get(i))).get("file");
			assertThat(file.get("bytes").asLong()).isEqualTo(bodies.get(i).length);
			assertThat(file.get("sha256").asString()).isEqualTo(digest);
			Answer content = this.client.get("/api/files/" + names.get(i) + "/content");
			assertThat(content.header("Content-Length")).isEqualTo(String.valueOf(bodies.get(i).length));
			assertThat(sha256(content.bytes())).isEqualTo(digest);
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

	private long itemCount() {
		return this.jdbc.sql("SELECT COUNT(*) FROM items").query(Long.class).single();
	}

	private static JsonNode ok(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		return answer.json();
	}

	private static byte[] randomBytes(int size) {
		byte[] bytes = new byte[size];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
