package dev.threadlab.dashboard;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.dashboard.lab.LabApp;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A tiny stand-in for an app, on a free port: it answers {@code /api/threads},
 * {@code /api/activity}, {@code /api/items/{id}?delayMs=} and {@code /api/costs} as the
 * contract says, and counts what it was asked. Its costs are made up and exact: each item
 * answered costs 2 ms of CPU, 7 voluntary and 1 involuntary context switch.
 */
public final class StubApp implements AutoCloseable {

	private final String name;

	private final DisposableServer server;

	private final AtomicLong arrivals = new AtomicLong();

	private final AtomicLong completions = new AtomicLong();

	private final AtomicLong threadPolls = new AtomicLong();

	private final List<Long> activityAfters = new CopyOnWriteArrayList<>();

	private final List<String> activity = new CopyOnWriteArrayList<>();

	private volatile Duration threadsDelay = Duration.ZERO;

	private volatile int tomcatMaxThreads = 200;

	private final List<Integer> knobTurns = new CopyOnWriteArrayList<>();

	private volatile String dbPool = "null";

	/**
	 * The shared counter: every increment a POST asks for, less the one that each tenth
	 * POST loses, so that a race can tell what it counted from what it sent.
	 */
	private final AtomicLong counter = new AtomicLong(-1);

	private final AtomicLong counterPosts = new AtomicLong();

	private final List<String> loopsPolls = new CopyOnWriteArrayList<>();

	private volatile Duration firstLoopsDelay = Duration.ZERO;

	private StubApp(String name, boolean knobs) {
		this.name = name;
		this.server = HttpServer.create().host("127.0.0.1").port(0).route((routes) -> {
			routes.get("/api/threads", this::threads)
				.get("/api/activity", this::activity)
				.get("/api/items/{id}", this::item)
				.get("/api/loops", this::loops)
				.get("/api/costs", this::costs)
				.post("/api/lab/counter", this::count)
				.get("/api/lab/counter", this::counter)
				.delete("/api/lab/counter", this::resetCounter);
			// Like blocking-app started with lab.knobs.enabled=true; elsewhere the
			// knobs are not there at all.
			if (knobs) {
				routes.get("/api/lab/knobs", this::knobs).put("/api/lab/knobs/tomcat-threads", this::resize);
			}
		}).bindNow();
	}

	/**
	 * Starts a stub.
	 * @param name the app it plays: {@code blocking} or {@code reactive}
	 * @return the running stub
	 */
	public static StubApp start(String name) {
		return new StubApp(name, "blocking".equals(name));
	}

	/**
	 * Starts a stub without the lab's knobs, as an app started without
	 * {@code lab.knobs.enabled=true}.
	 * @param name the app it plays
	 * @return the running stub
	 */
	public static StubApp startWithoutKnobs(String name) {
		return new StubApp(name, false);
	}

	/**
	 * Every count the Tomcat knob was turned to, in order.
	 * @return the counts
	 */
	public List<Integer> knobTurns() {
		return List.copyOf(this.knobTurns);
	}

	/**
	 * How many item requests arrived.
	 * @return the count
	 */
	public long itemArrivals() {
		return this.arrivals.get();
	}

	public LabApp labApp() {
		return new LabApp(this.name, model(), "a stub", URI.create("http://127.0.0.1:" + this.server.port()));
	}

	public long threadPolls() {
		return this.threadPolls.get();
	}

	public List<Long> activityAfters() {
		return this.activityAfters;
	}

	/**
	 * Makes {@code /api/threads} answer late, as an app whose threads are all busy.
	 * @param delay how late
	 */
	public void answerThreadsAfter(Duration delay) {
		this.threadsDelay = delay;
	}

	/**
	 * The {@code /api/loops} requests so far, each as its client's address and its
	 * {@code Connection} header, e.g. {@code /127.0.0.1:41234 close}.
	 * @return the loops polls, oldest first
	 */
	public List<String> loopsPolls() {
		return this.loopsPolls;
	}

	/**
	 * Makes the first {@code /api/loops} answer late, as a poll whose connection landed
	 * on a held event loop; later ones answer at once.
	 * @param delay how late
	 */
	public void answerFirstLoopsAfter(Duration delay) {
		this.firstLoopsDelay = delay;
	}

	private String model() {
		return "reactive".equals(this.name) ? "event-loop" : "thread-per-request";
	}

	/**
	 * What {@code /api/threads} says of the database pool from now on.
	 * @param json the {@code dbPool} object, as the contract writes it, or {@code null}
	 */
	public void dbPool(String json) {
		this.dbPool = json;
	}

	private Mono<Void> threads(HttpServerRequest request, HttpServerResponse response) {
		this.threadPolls.incrementAndGet();
		String body = """
				{"app":"%s","model":"%s","javaVersion":"17.0.15","availableProcessors":2,"live":24,"daemon":20,
				"peak":30,"states":{"RUNNABLE":4,"BLOCKED":0,"WAITING":10,"TIMED_WAITING":10},
				"pools":[{"name":"request-workers","live":10,"states":{"WAITING":10}},
				{"name":"other","live":14,"states":{"RUNNABLE":4,"TIMED_WAITING":10}}],
				"inFlight":0,"virtualThreads":0,"sampledAt":"%s","dbPool":%s}""".formatted(this.name, model(),
				Instant.now(), this.dbPool);
		return json(response, Mono.delay(this.threadsDelay).thenReturn(body));
	}

	private Mono<Void> costs(HttpServerRequest request, HttpServerResponse response) {
		long done = this.completions.get();
		long stacks = ("blocking".equals(this.name) ? 25L : 3L) << 20;
		String body = """
				{"app":"%s","model":"%s","sampledAt":"%s","cpu":{"processMs":%d,"byPool":{}},
				"contextSwitches":{"voluntary":%d,"involuntary":%d,"byPool":{}},
				"memory":{"rssBytes":%d,"heapUsedBytes":1000,"heapCommittedBytes":2000,
				"threadStacksCommittedBytes":%d,"platformThreads":24,"virtualThreads":0},
				"requests":{"completed":%d},"notes":[]}""".formatted(this.name, model(), Instant.now(), 10 + 2 * done,
				100 + 7 * done, done, 300L << 20, stacks, done);
		return json(response, Mono.just(body));
	}

	private Mono<Void> loops(HttpServerRequest request, HttpServerResponse response) {
		boolean first = this.loopsPolls.isEmpty();
		this.loopsPolls.add(request.remoteAddress() + " " + request.requestHeaders().get("Connection", "keep-alive"));
		String body = """
				{"app":"%s","model":"%s","sampledAt":"%s","loops":[{"thread":"reactor-http-epoll-2",
				"pool":"event-loop","state":"blocked","lagMs":{"now":1240.5,"p50":0.07,"p99":1220.0,"max":1240.5},
				"utilization":0.0,"pendingTasks":0}],"pools":[],"requestPool":null,"virtualScheduler":null,
				"notes":{}}""".formatted(this.name, model(), Instant.now());
		return json(response, Mono.delay(first ? this.firstLoopsDelay : Duration.ZERO).thenReturn(body));
	}

	private Mono<Void> activity(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		long after = Long.parseLong(query.getOrDefault("after", List.of("0")).get(0));
		this.activityAfters.add(after);
		List<String> items = this.activity.subList((int) Math.min(after, this.activity.size()), this.activity.size());
		String body = "{\"items\":[" + String.join(",", items) + "],\"next\":" + this.activity.size() + "}";
		return json(response, Mono.just(body));
	}

	private Mono<Void> item(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		long delayMs = Long.parseLong(query.getOrDefault("delayMs", List.of("0")).get(0));
		long arrival = this.arrivals.incrementAndGet();
		Instant received = Instant.now();
		String id = request.param("id");
		String requestId = request.requestHeaders().get("X-Request-Id", "r" + arrival);
		return json(response, Mono.delay(Duration.ofMillis(delayMs)).map((tick) -> {
			long completion = this.completions.incrementAndGet();
			Instant completed = Instant.now();
			String fields = ("\"app\":\"%s\",\"model\":\"%s\",\"requestId\":\"%s\",\"arrival\":%d,"
					+ "\"completion\":%d,\"receivedAt\":\"%s\",\"completedAt\":\"%s\",\"elapsedMs\":%d,"
					+ "\"startThread\":\"stub-%d\",\"endThread\":\"stub-%d\"")
				.formatted(this.name, model(), requestId, arrival, completion, received, completed, delayMs, arrival,
						arrival);
			synchronized (this.activity) {
				this.activity.add("{\"seq\":" + (this.activity.size() + 1) + "," + fields
						+ ",\"method\":\"GET\",\"path\":\"/api/items/" + id + "\",\"status\":200}");
			}
			return "{\"item\":{\"id\":" + id + ",\"name\":\"item-" + id
					+ "\",\"createdAt\":\"2026-01-01T00:00:00Z\"},\"trace\":{" + fields + "}}";
		}));
	}

	private Mono<Void> knobs(HttpServerRequest request, HttpServerResponse response) {
		return json(response, Mono.fromSupplier(() -> "{\"tomcatMaxThreads\":" + this.tomcatMaxThreads + "}"));
	}

	private Mono<Void> resize(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		int max = Integer.parseInt(query.getOrDefault("max", List.of("0")).get(0));
		if (max < 1 || max > 4000) {
			return response.status(400)
				.header("Content-Type", "application/problem+json")
				.sendString(
						Mono.just("{\"status\":400,\"detail\":\"max must be between 1 and 4000, got " + max + "\"}"))
				.then();
		}
		this.tomcatMaxThreads = max;
		this.knobTurns.add(max);
		return knobs(request, response);
	}

	private static Mono<Void> json(HttpServerResponse response, Mono<String> body) {
		return response.header("Content-Type", "application/json").sendString(body).then();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * The shared counter as the last race left it; -1 until it is first reset.
	 * @return its value
	 */
	public long counterValue() {
		return this.counter.get();
	}

	private Mono<Void> count(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		long n = Long.parseLong(query.get("n").get(0));
		long lost = (this.counterPosts.incrementAndGet() % 10 == 0) ? 1 : 0;
		long value = this.counter.addAndGet(n - lost);
		return json(response, Mono.just("{\"mode\":\"unsafe\",\"n\":" + n + ",\"value\":" + value + "}"));
	}

	private Mono<Void> counter(HttpServerRequest request, HttpServerResponse response) {
		return json(response, Mono.just("{\"value\":" + this.counter.get() + "}"));
	}

	private Mono<Void> resetCounter(HttpServerRequest request, HttpServerResponse response) {
		this.counter.set(0);
		return counter(request, response);
	}

}
