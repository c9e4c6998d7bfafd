package dev.threadlab.shared.docs;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.ProblemKind;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.jspecify.annotations.Nullable;

/**
 * Turns the document springdoc reads off each app's handlers into the contract of
 * CONTRACT.md, the same for every contender. The handlers take every parameter as a raw
 * string (so that a bad value gets the shared 400 and its words), and the two apps'
 * return types differ by model ({@code Mono<T>} against {@code T}, a streamed body
 * against {@code Flux<DataBuffer>}): left alone, the two documents would tell REST users
 * two different stories. Here each parameter gets its real type, range and default from
 * {@link Limits}, each operation its summary, id and the problems it answers, and
 * everything is put in one order, so a test can hold both apps to one document.
 */
public final class ApiDocs {

	private static final String PROBLEM = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final Map<String, Op> OPERATIONS = new LinkedHashMap<>();

	static {
		op("GET /api/items/{id}", "items", "getItem", "One item from the database, after a database delay", 404);
		op("GET /api/items", "items", "getItems", "A page of items, ordered by id");
		op("POST /api/items", "items", "createItem", "Insert an item; 201 with its Location", 413, 415);
		op("GET /api/files", "files", "listFiles", "The files in the data folder: name and bytes");
		op("GET /api/files/{name}", "files", "getFile", "Read a whole file; answers its size and SHA-256", 404);
		op("GET /api/files/{name}/content", "files", "getFileContent", "The file's raw bytes, streamed", 404);
		op("PUT /api/files/{name}", "files", "putFile",
				"Write a file atomically (temporary file, then move); 201 new, 200 replaced", 413);
		op("GET /api/mixed", "lab", "getMixed", "A database read and a file read, one after the other or at once");
		op("GET /api/cpu", "lab", "getCpu", "CPU-bound work: rounds of SHA-256 on the request's thread");
		op("GET /api/sleep", "lab", "getSleep",
				"A plain blocking Thread.sleep in the handler; on reactive-app it parks an event loop unless offload=true");
		op("GET /api/threads", "threads", "getThreads", "This process's threads by pool and state, the database pool");
		op("GET /api/activity", "threads", "getActivity", "Recent finished requests, oldest first");
		op("GET /api/costs", "threads", "getCosts",
				"What this process has spent since start (CPU, context switches) and holds now (memory, threads)");
		op("GET /api/loops", "threads", "getLoops",
				"Each event loop's lag, state and utilisation, the worker pools, Tomcat's request pool, the virtual scheduler");
		op("POST /api/lab/counter", "lab", "postCounter",
				"Increment the shared counter n times, unsafely (read, then write) or atomically");
		op("GET /api/lab/counter", "lab", "getCounter", "The shared counter now");
		op("DELETE /api/lab/counter", "lab", "deleteCounter", "Set the shared counter back to 0");
		op("GET /api/lab/knobs", "lab", "getKnobs", "The lab's knobs (blocking-app with lab.knobs.enabled only)");
		op("PUT /api/lab/knobs/tomcat-threads", "lab", "putTomcatThreads",
				"Resize Tomcat's request thread pool (blocking-app with lab.knobs.enabled only)", 409);
	}

	private ApiDocs() {
	}

	/**
	 * Rewrites a document read off an app's handlers into the contract's.
	 * @param api the document springdoc built
	 */
	public static void apply(OpenAPI api) {
		api.info(new Info().title("threadlab contender API")
			.version("1")
			.description("The HTTP contract every threadlab contender serves (blocking-app on Tomcat, "
					+ "reactive-app on Reactor Netty, blocking-app on virtual threads). Every error is "
					+ "application/problem+json (RFC 9457). See docs/CONTRACT.md.")
			.license(new License().name("Apache-2.0")));
		api.servers(null);
		api.tags(List.of(new Tag().name("items").description("The database"),
				new Tag().name("files").description("The data folder"),
				new Tag().name("lab").description("Experiments and knobs"),
				new Tag().name("threads").description("What the process is doing")));
		Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
		components.addSchemas(PROBLEM, problemSchema());
		components.setSchemas(new TreeMap<>(components.getSchemas()));
		api.components(components);
		Paths sorted = new Paths();
		if (api.getPaths() != null) {
			new TreeMap<>(api.getPaths()).forEach((path, item) -> {
				item.readOperationsMap()
					.forEach((method, operation) -> describe(method.name() + " " + path, operation));
				sorted.addPathItem(path, item);
			});
		}
		api.paths(sorted);
		Set<String> used = referenced(api);
		components.getSchemas().keySet().removeIf((name) -> !used.contains(name));
	}

	private static void describe(String key, Operation operation) {
		Op op = OPERATIONS.get(key);
		String path = key.substring(key.indexOf(' ') + 1);
		if (op != null) {
			operation.operationId(op.id()).summary(op.summary()).tags(List.of(op.tag()));
		}
		List<Parameter> parameters = new ArrayList<>();
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				parameters.add(parameter(path, parameter));
			}
		}
		parameters.sort(Comparator.comparing((Parameter parameter) -> !"path".equals(parameter.getIn()))
			.thenComparing(Parameter::getName));
		operation.parameters(parameters.isEmpty() ? null : parameters);
		if (key.equals("POST /api/items")) {
			operation.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(new Schema<>().$ref("#/components/schemas/NewItem")))));
		}
		if (key.equals("PUT /api/files/{name}")) {
			operation.requestBody(new RequestBody().required(true)
				.description(
						"The raw bytes, 1 byte to " + Limits.MAX_UPLOAD_BYTES + " bytes, whatever the content type")
				.content(new Content().addMediaType("application/octet-stream",
						new MediaType().schema(typed("string").format("binary")))));
		}
		ApiResponses responses = new ApiResponses();
		if (operation.getResponses() != null) {
			operation.getResponses().forEach((code, response) -> {
				if (code.startsWith("2")) {
					responses.addApiResponse(code, json(response));
				}
			});
		}
		if (key.equals("POST /api/items") || key.equals("PUT /api/files/{name}")) {
			ApiResponse ok = responses.remove("200");
			if (ok != null) {
				responses.addApiResponse("201", ok.description("Created"));
				if (key.startsWith("PUT")) {
					responses.addApiResponse("200", new ApiResponse().description("Replaced").content(ok.getContent()));
				}
			}
		}
		if (key.equals("GET /api/files/{name}/content")) {
			responses.addApiResponse("200",
					new ApiResponse().description("The bytes")
						.content(new Content().addMediaType("application/octet-stream",
								new MediaType().schema(typed("string").format("binary")))));
		}
		if (!parameters.isEmpty() || operation.getRequestBody() != null) {
			responses.addApiResponse("400", problem(ProblemKind.INVALID_PARAMETER));
		}
		if (op != null) {
			for (int status : op.problems()) {
				responses.addApiResponse(Integer.toString(status), problem(kind(status)));
			}
		}
		ApiResponses ordered = new ApiResponses();
		new TreeMap<>(responses).forEach(ordered::addApiResponse);
		operation.responses(ordered);
	}

	/**
	 * Every body of the contract is JSON; springdoc writes {@code *}{@code /*} for
	 * handlers that do not say what they produce.
	 */
	private static ApiResponse json(ApiResponse response) {
		Content content = response.getContent();
		if (content != null && content.containsKey("*/*")) {
			Content typed = new Content();
			typed.addMediaType("application/json", content.get("*/*"));
			response.content(typed);
		}
		return response;
	}

	private static Parameter parameter(String path, Parameter parameter) {
		String name = parameter.getName();
		Param param = switch (name) {
			case "delayMs", "dbDelayMs", "fileDelayMs" ->
				integer("A wait outside the CPU, in milliseconds", 0, Limits.MAX_DELAY_MS, 0);
			case "limit" -> path.equals("/api/activity")
					? integer("How many entries at most", 1, Limits.MAX_ACTIVITY_LIMIT, Limits.DEFAULT_ACTIVITY_LIMIT)
					: integer("The page size", 1, Limits.MAX_LIMIT, Limits.DEFAULT_LIMIT);
			case "offset" -> integer("How many items to skip", 0, Limits.MAX_OFFSET, 0);
			case "after" -> integer("The sequence to answer after: the last answer's next", 0, Long.MAX_VALUE, 0);
			case "iterations" -> integer("Rounds of SHA-256", 1, Limits.MAX_ITERATIONS, Limits.DEFAULT_ITERATIONS);
			case "id" -> integer("The item's id", 1, Long.MAX_VALUE, null);
			case "max" ->
				integer("Tomcat's most request threads", Limits.MIN_TOMCAT_THREADS, Limits.MAX_TOMCAT_THREADS, null);
			case "n" -> integer("How many times to increment the shared counter", 1, Limits.MAX_COUNTER_INCREMENTS,
					Limits.DEFAULT_COUNTER_INCREMENTS);
			case "mode" -> choice("unsafe (read, then write) or atomic (write only if unchanged since the read)",
					List.of("unsafe", "atomic"));
			case "holdConnection" -> flag("Whether the database delay holds a pooled connection");
			case "parallel" -> flag("Whether the database and the file are read at once");
			case "offload" -> flag("Whether the sleep moves to a worker pool (Reactor's boundedElastic)");
			case "name" -> new Param("The file's name",
					typed("string").pattern("^" + Limits.FILE_NAME_PATTERN + "$").minLength(1).maxLength(64));
			default -> null;
		};
		if (param == null) {
			return parameter;
		}
		return parameter.description(param.description()).schema(param.schema());
	}

	private static Param integer(String description, long min, long max, @Nullable Number defaultValue) {
		Schema<Object> schema = typed("integer").format((max > Integer.MAX_VALUE) ? "int64" : "int32")
			.minimum(BigDecimal.valueOf(min));
		if (max != Long.MAX_VALUE) {
			schema.maximum(BigDecimal.valueOf(max));
		}
		if (defaultValue != null) {
			schema.setDefault(defaultValue);
		}
		return new Param(description + ". ASCII digits only.", schema);
	}

	/** A string of a few values, the first of them the default. */
	private static Param choice(String description, List<Object> values) {
		Schema<Object> schema = typed("string");
		schema.setEnum(values);
		schema.setDefault(values.get(0));
		return new Param(description, schema);
	}

	private static Param flag(String description) {
		Schema<Object> schema = typed("boolean");
		schema.setDefault(false);
		return new Param(description + ": true or false", schema);
	}

	/**
	 * A schema of one JSON type. OpenAPI 3.1 writes the type as a set ({@code types}),
	 * 3.0 as one value ({@code type}): both are set, so the document reads right in
	 * either version.
	 */
	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.type(type).types(new LinkedHashSet<>(List.of(type)));
		return schema;
	}

	/**
	 * Names every schema a document really uses: springdoc also lists the types of
	 * model-specific return values ({@code DataBuffer} on reactive-app), which no
	 * operation of the contract refers to.
	 */
	private static Set<String> referenced(OpenAPI api) {
		Set<String> names = new TreeSet<>();
		Deque<Schema<?>> pending = new ArrayDeque<>();
		api.getPaths().values().forEach((item) -> item.readOperations().forEach((operation) -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody().getContent().values().forEach((media) -> push(pending, media.getSchema()));
			}
			operation.getResponses().values().forEach((response) -> {
				if (response.getContent() != null) {
					response.getContent().values().forEach((media) -> push(pending, media.getSchema()));
				}
			});
		}));
		while (!pending.isEmpty()) {
			Schema<?> schema = pending.pop();
			String ref = schema.get$ref();
			if (ref != null) {
				String name = ref.substring(ref.lastIndexOf('/') + 1);
				if (names.add(name)) {
					push(pending, api.getComponents().getSchemas().get(name));
				}
			}
			if (schema.getProperties() != null) {
				schema.getProperties().values().forEach((property) -> push(pending, property));
			}
			push(pending, schema.getItems());
			if (schema.getAdditionalProperties() instanceof Schema<?> values) {
				push(pending, values);
			}
		}
		return names;
	}

	private static void push(Deque<Schema<?>> pending, @Nullable Schema<?> schema) {
		if (schema != null) {
			pending.push(schema);
		}
	}

	private static ApiResponse problem(ProblemKind kind) {
		return new ApiResponse().description(kind.title())
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	private static ProblemKind kind(int status) {
		for (ProblemKind kind : ProblemKind.values()) {
			if (kind.status() == status) {
				return kind;
			}
		}
		throw new IllegalArgumentException("no problem kind answers " + status);
	}

	@SuppressWarnings("rawtypes")
	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", typed("string").format("uri").example("urn:threadlab:problem:not-found"));
		properties.put("title", typed("string"));
		properties.put("status", typed("integer").format("int32"));
		properties.put("detail", typed("string"));
		properties.put("instance", typed("string").format("uri-reference"));
		return typed("object")
			.description("An RFC 9457 problem; never a stack trace, a class name or a file system path")
			.properties(properties);
	}

	private static void op(String key, String tag, String id, String summary, int... problems) {
		OPERATIONS.put(key, new Op(tag, id, summary, problems));
	}

	/**
	 * One operation of the contract.
	 *
	 * @param tag its group
	 * @param id its operation id
	 * @param summary one line on what it does
	 * @param problems the statuses it may answer beyond 400
	 */
	private record Op(String tag, String id, String summary, int[] problems) {
	}

	/**
	 * What a parameter really takes.
	 *
	 * @param description one line on it
	 * @param schema its type and range
	 */
	private record Param(String description, Schema<?> schema) {
	}

}
