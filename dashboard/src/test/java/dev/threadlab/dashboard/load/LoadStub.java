package dev.threadlab.dashboard.load;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * A server whose behaviour the load engine's tests know exactly: {@code /api/items/{id}}
 * takes {@code delayMs}, on a given number of servers in turn (first come, first served)
 * or on as many as are asked for, and its first requests take longer, as a cold server's
 * do; {@code /actuator/info} says what it is told to. It counts every request it gets.
 */
final class LoadStub implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicLong arrivals = new AtomicLong();

	private final int coldRequests;

	private final Duration coldExtra;

	/**
	 * When each server is free next, in nanoseconds; empty for as many as are asked for.
	 */
	private final long[] freeAt;

	private final @Nullable String info;

	private LoadStub(int servers, int coldRequests, Duration coldExtra, @Nullable String info) {
		this.coldRequests = coldRequests;
		this.coldExtra = coldExtra;
		this.freeAt = new long[servers];
		// System.nanoTime() may be negative: every server is free from the start.
		Arrays.fill(this.freeAt, Long.MIN_VALUE);
		this.info = info;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/api/items/{id}", this::item).get("/actuator/info", this::info))
			.bindNow();
	}

	/**
	 * A stub that serves every request at once, after its delay.
	 * @return the running stub
	 */
	static LoadStub start() {
		return new LoadStub(0, 0, Duration.ZERO, null);
	}

	/**
	 * A stub whose first requests take longer.
	 * @param requests how many of the first requests are slow
	 * @param extra how much longer they take
	 * @return the running stub
	 */
	static LoadStub cold(int requests, Duration extra) {
		return new LoadStub(0, requests, extra, null);
	}

	/**
	 * A stub that serves at most a number of requests at once; the others queue.
	 * @param servers how many at once
	 * @return the running stub
	 */
	static LoadStub servers(int servers) {
		return new LoadStub(servers, 0, Duration.ZERO, null);
	}

	/**
	 * A stub whose {@code /actuator/info} answers a body.
	 * @param info the JSON
	 * @return the running stub
	 */
	static LoadStub withInfo(String info) {
		return new LoadStub(0, 0, Duration.ZERO, info);
	}

	LabApp labApp() {
		return new LabApp("reactive", "event-loop", "a load stub",
				URI.create("http://127.0.0.1:" + this.server.port()));
	}

	/**
	 * Every request to {@code /api/items/{id}} so far.
	 * @return the count
	 */
	long arrivals() {
		return this.arrivals.get();
	}

	private Mono<Void> item(HttpServerRequest request, HttpServerResponse response) {
		Map<String, List<String>> query = UriComponentsBuilder.fromUriString(request.uri()).build().getQueryParams();
		long delayNanos = Duration.ofMillis(Long.parseLong(query.getOrDefault("delayMs", List.of("0")).get(0)))
			.toNanos();
		if (this.arrivals.incrementAndGet() <= this.coldRequests) {
			delayNanos += this.coldExtra.toNanos();
		}
		long wait = waitNanos(delayNanos);
		return response.header("Content-Type", "application/json")
			.sendString(Mono.delay(Duration.ofNanos(wait)).thenReturn("{}"))
			.then();
	}

	/**
	 * How long a request arriving now waits for its answer: its service time, after the
	 * queue ahead of it when the servers are few.
	 */
	private synchronized long waitNanos(long serviceNanos) {
		if (this.freeAt.length == 0) {
			return serviceNanos;
		}
		long now = System.nanoTime();
		int first = 0;
		for (int server = 1; server < this.freeAt.length; server++) {
			if (this.freeAt[server] < this.freeAt[first]) {
				first = server;
			}
		}
		long done = Math.max(now, this.freeAt[first]) + serviceNanos;
		this.freeAt[first] = done;
		return done - now;
	}

	private Mono<Void> info(HttpServerRequest request, HttpServerResponse response) {
		if (this.info == null) {
			return response.status(404).send();
		}
		return response.header("Content-Type", "application/json").sendString(Mono.just(this.info)).then();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
