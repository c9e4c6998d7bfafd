package dev.threadlab.shared.kit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API documentation kit: every contender publishes one and the same OpenAPI 3.1
 * document, the one committed as {@code docs/openapi.json}, and serves Swagger UI from
 * its own jar. Comparing each app with the committed file is what proves that
 * blocking-app and reactive-app publish the same paths, parameters and response shapes.
 * When a change to the contract is meant, the failing test writes what the app publishes
 * to {@code target/openapi.json}: copy it over the committed file, and the other apps
 * must then publish it too.
 */
public abstract class ApiDocsTestKit extends RunningContender {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	/** The paths of CONTRACT.md, each of which the document must describe. */
	private static final List<String> CONTRACT_PATHS = List.of("/api/items/{id}", "/api/items", "/api/files",
			"/api/files/{name}", "/api/files/{name}/content", "/api/mixed", "/api/cpu", "/api/sleep", "/api/threads",
			"/api/activity");

	@Test
	void publishesTheCommittedDocument() throws IOException {
		Answer answer = client().get("/v3/api-docs");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		String published = canonical(answer.json());
		Path committed = committedDocument();
		if (!Files.isRegularFile(committed) || !Files.readString(committed).equals(published)) {
			Path actual = Path.of("target", "openapi.json");
			Files.createDirectories(actual.getParent());
			Files.writeString(actual, published, StandardCharsets.UTF_8);
			assertThat(published)
				.as("the document %s publishes (written to %s) against %s", contender().app(), actual.toAbsolutePath(),
						committed.toAbsolutePath())
				.isEqualTo(Files.isRegularFile(committed) ? Files.readString(committed) : "");
		}
	}

	@Test
	void documentIsOpenApi31AndDescribesEveryContractPath() {
		JsonNode document = client().get("/v3/api-docs").json();
		assertThat(document.get("openapi").asString()).startsWith("3.1");
		List<String> paths = new ArrayList<>(document.get("paths").propertyNames());
		assertThat(paths).containsAll(CONTRACT_PATHS);
		// Every parameter has its real type: the handlers take raw strings only to give
		// one error text everywhere.
		document.get("paths").forEach((item) -> item.forEach((operation) -> {
			assertThat(operation.get("operationId")).as("operationId of %s", operation).isNotNull();
			if (operation.has("parameters")) {
				operation.get("parameters")
					.forEach((parameter) -> assertThat(parameter.get("schema").get("type")).as("type of %s", parameter)
						.isNotNull());
			}
		}));
		JsonNode delay = parameter(document, "/api/items/{id}", "get", "delayMs");
		assertThat(delay.get("schema").get("maximum").asInt()).isEqualTo(30_000);
		assertThat(delay.get("schema").get("minimum").asInt()).isZero();
		assertThat(document.get("paths")
			.get("/api/items/{id}")
			.get("get")
			.get("responses")
			.get("404")
			.get("content")
			.has("application/problem+json")).isTrue();
	}

	@Test
	void swaggerUiIsServedFromTheAppItself() {
		Answer page = client().get("/swagger-ui/index.html", Map.of("Accept", "text/html"));
		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.text()).contains("swagger-ui");
		// Its script comes from the app's jar too (a WebJar), never from a CDN.
		Answer script = client().get("/swagger-ui/swagger-ui-bundle.js", Map.of("Accept", "*/*"));
		assertThat(script.status()).as(script.toString()).isEqualTo(200);
		assertThat(page.text()).doesNotContain("//cdn", "unpkg.com", "jsdelivr");
	}

	private static JsonNode parameter(JsonNode document, String path, String method, String name) {
		for (JsonNode parameter : document.get("paths").get(path).get(method).get("parameters")) {
			if (parameter.get("name").asString().equals(name)) {
				return parameter;
			}
		}
		throw new AssertionError("no parameter " + name + " on " + method + " " + path);
	}

	/** The committed document, from a module's folder (where Maven runs the tests). */
	private static Path committedDocument() {
		return Path.of(System.getProperty("basedir", "."), "..", "docs", "openapi.json").normalize();
	}

	/**
	 * The document with every object's keys in order, so a diff shows only real changes.
	 * The lab's knobs ({@code /api/lab/knobs/**}) are left out: they are served only
	 * where {@code lab.knobs.enabled=true} (run.sh and the virtual contender's tests turn
	 * them on, the apps' own tests do not), and the committed document is the contract's.
	 */
	private static String canonical(JsonNode document) {
		ObjectNode copy = (ObjectNode) sorted(document);
		ObjectNode paths = (ObjectNode) copy.get("paths");
		List<String> knobs = paths.propertyNames()
			.stream()
			.filter((path) -> path.startsWith("/api/lab/knobs"))
			.toList();
		knobs.forEach(paths::remove);
		if (copy.get("components") instanceof ObjectNode components
				&& components.get("schemas") instanceof ObjectNode schemas) {
			schemas.remove("Knobs");
		}
		return JSON.writeValueAsString(copy) + "\n";
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = JSON.createObjectNode();
			node.propertyNames().stream().sorted().forEach((name) -> copy.set(name, sorted(node.get(name))));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JSON.createArrayNode();
			node.forEach((element) -> copy.add(sorted(element)));
			return copy;
		}
		return node;
	}

}
