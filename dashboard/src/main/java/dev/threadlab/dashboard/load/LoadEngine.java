package dev.threadlab.dashboard.load;

import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabClients;
import dev.threadlab.shared.net.Loopback;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Puts load on one app at a time, without a thread per request: closed (C clients) or
 * open (a fixed rate, latency from each request's due time), on Reactor Netty's HTTP
 * client, with percentiles from HdrHistogram.
 */
@Component
public class LoadEngine {

	/**
	 * Longer than the longest queue a bounded run can build, so a slow answer still
	 * counts.
	 */
	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(45);

	private static final long HIGHEST_MICROS = Duration.ofMinutes(5).toNanos() / 1000;

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

	private final WebClient sampling;

	/**
	 * The engine's own event loops, one per core, apart from the dashboard's: their CPU
	 * is the engine's cost, and a race or a poll never waits behind load.
	 */
	private final LoopResources loops = LoopResources.create("load", Math.max(2, cores()), true);

	private final AtomicBoolean busy = new AtomicBoolean();

	private final Sinks.Many<LoadProgress> progress = Sinks.many().multicast().directBestEffort();

	LoadEngine(LabClients clients) {
		this.sampling = clients.poll();
	}

	/**
	 * An engine that samples the apps with a client of its own.
	 * @param sampling polls {@code /api/threads} and actuator
	 * @return the engine
	 */
	public static LoadEngine create(WebClient sampling) {
		return new LoadEngine(new LabClients(sampling, sampling));
	}

	/**
	 * Runs a plan on an app, unless a run is under way.
	 * @param plan what to send
	 * @param app where: a loopback address
	 * @param pid the app's process id when it runs on this machine and is known, for its
	 * resident memory
	 * @return the result, when the last answer is in; a {@link LoadBusyException} when a
	 * run is under way
	 */
	public Mono<LoadResult> run(LoadPlan plan, LabApp app, @Nullable Long pid) {
		return Mono.defer(() -> {
			if (!Loopback.isLoopback(app.url().getHost())) {
				return Mono.error(new IllegalArgumentException("load only goes to this machine, not " + app.url()));
			}
			if (!this.busy.compareAndSet(false, true)) {
				return Mono.error(new LoadBusyException());
			}
			// Free before the result goes on, so that whoever gets it may start the next
			// run.
			return new Run(plan, app, pid).execute()
				.doOnSuccess((result) -> this.busy.set(false))
				.doOnError((ex) -> this.busy.set(false))
				.doOnCancel(() -> this.busy.set(false));
		});
	}

	/**
	 * Whether a run is under way.
	 * @return {@code true} while one runs
	 */
	public boolean busy() {
		return this.busy.get();
	}

	/**
	 * Each second of every run from now on.
	 * @return a hot stream that never completes
	 */
	public Flux<LoadProgress> progress() {
		return this.progress.asFlux();
	}

	/**
	 * Closes the engine's event loops.
	 */
	public void close() {
		this.loops.disposeLater().block(Duration.ofSeconds(5));
	}

	static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	/**
	 * CPU time used by this JVM so far.
	 * @return nanoseconds, or -1 when the platform does not say
	 */
	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return -1;
	}

	/**
	 * What kind of failure an exception is, in a few words.
	 * @param ex what a request ended with
	 * @return {@code timeout}, {@code connect}, {@code closed early} or the exception's
	 * name
	 */
	static String kind(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof io.netty.handler.timeout.TimeoutException || cause instanceof TimeoutException) {
				return "timeout";
			}
			if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException) {
				return "connect";
			}
			if (cause instanceof PrematureCloseException) {
				return "closed early";
			}
		}
		return ex.getClass().getSimpleName();
	}

	private void emit(LoadProgress update) {
		synchronized (this.progress) {
			this.progress.tryEmitNext(update);
		}
	}

	/**
	 * One run: its pool, its counters and its histograms. A warm-up runs the same clients
	 * or schedule on the same pool before the measurement starts; what is sent in it only
	 * shows in the live progress.
	 */
	private final class Run {

		private final LoadPlan plan;

		private final LabApp app;

		private final TargetSampler sampler;

		/** Every answer, warm-up included: the live progress. */
		private final Recorder live = new Recorder(HIGHEST_MICROS, 3);

		/** The answers to measured requests. */
		private final Recorder measured = new Recorder(HIGHEST_MICROS, 3);

		private final Histogram total = new Histogram(HIGHEST_MICROS, 3);

		private final LongAdder sent = new LongAdder();

		private final LongAdder warmupSent = new LongAdder();

		private final LongAdder ok = new LongAdder();

		/** 2xx answers that arrived within the measured duration, whenever sent. */
		private final LongAdder okInWindow = new LongAdder();

		private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		private final LongAdder warmupErrors = new LongAdder();

		private final AtomicLong inFlight = new AtomicLong();

		private final AtomicLong peakInFlight = new AtomicLong();

		private final AtomicLong lastAnswer = new AtomicLong();

		private final ConnectionProvider pool;

		private final HttpClient http;

		private long start;

		/** When the measurement starts: the start plus the warm-up. */
		private long measureFrom;

		/** When the measurement's sending ends. */
		private long measureUntil;

		private long lastProgress;

		Run(LoadPlan plan, LabApp app, @Nullable Long pid) {
			this.plan = plan;
			this.app = app;
			this.sampler = new TargetSampler(LoadEngine.this.sampling, app, pid);
			// One connection per request in flight, opened on demand: the pool must never
			// be what limits the run, so a request that waits for a connection waits
			// long.
			this.pool = ConnectionProvider.builder("load-" + app.name())
				.maxConnections(plan.concurrency())
				.pendingAcquireMaxCount(-1)
				.pendingAcquireTimeout(REQUEST_TIMEOUT)
				.maxIdleTime(Duration.ofSeconds(30))
				.build();
			this.http = HttpClient.create(this.pool)
				.runOn(LoadEngine.this.loops)
				.baseUrl(app.text(""))
				.keepAlive(true)
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
				.responseTimeout(REQUEST_TIMEOUT);
		}

		Mono<LoadResult> execute() {
			return this.sampler.start().then(Mono.defer(() -> {
				long cpuBefore = processCpuNanos();
				this.start = System.nanoTime();
				this.measureFrom = this.start + this.plan.warmup().toNanos();
				this.measureUntil = this.measureFrom + this.plan.duration().toNanos();
				this.lastProgress = this.start;
				this.lastAnswer.set(this.measureFrom);
				Disposable ticker = Flux.interval(PROGRESS_EVERY, PROGRESS_EVERY)
					.onBackpressureDrop()
					.subscribe((tick) -> tick());
				Mono<Void> load = (this.plan.model() == LoadPlan.Model.CLOSED) ? closed() : open();
				return load
					// Every request has its own timeout; this one only guards against a
					// bug.
					.timeout(this.plan.warmup().plus(this.plan.duration()).plus(REQUEST_TIMEOUT).plusSeconds(15))
					.doFinally((signal) -> ticker.dispose())
					.then(Mono.defer(this.sampler::stop))
					.then(Mono.fromCallable(() -> finish(cpuBefore)));
			})).doFinally((signal) -> {
				this.sampler.cancel();
				this.pool.disposeLater().subscribe();
			});
		}

		private Mono<Void> closed() {
			AtomicLong claimed = new AtomicLong();
			int limit = this.plan.requests();
			BooleanSupplier another = () -> (limit == 0 || claimed.getAndIncrement() < limit)
					&& System.nanoTime() < this.measureUntil;
			// A client sends its next request when its last one is answered, through the
			// warm-up and the measurement alike.
			Mono<Boolean> client = Mono
				.defer(() -> another.getAsBoolean() ? send(System.nanoTime()).thenReturn(true) : Mono.just(false));
			int clients = this.plan.concurrency();
			long spread = this.plan.warmup().toNanos();
			return Flux.range(0, clients)
				.flatMap((index) -> startAfter(spread * index / clients)
					.then(client.repeat().takeWhile((more) -> more).then()), clients)
				.then();
		}

		/**
		 * When a closed-model client starts. Without a warm-up, all at once: the run
		 * starts empty and is drained, and is measured from its first request. After one,
		 * spread evenly over the warm-up: clients that start together answer together,
		 * each delay later, in waves, and a fixed measurement window then counts a whole
		 * number of waves (2,000 a second or 1,667 for a true 1,988 at C = 2,000, a 1 s
		 * delay and 6 s); spread, they answer evenly, and the window counts what the
		 * server does.
		 */
		private Mono<?> startAfter(long nanos) {
			return (nanos > 0) ? Mono.delay(Duration.ofNanos(nanos)) : Mono.empty();
		}

		private Mono<Void> open() {
			// One schedule through the warm-up and the measurement: the requests due
			// after
			// the warm-up are the measured ones.
			OpenSchedule schedule = new OpenSchedule(this.plan.rate(), this.plan.warmup().plus(this.plan.duration()));
			AtomicLong next = new AtomicLong();
			// A tick every millisecond releases the requests due by then; a late tick
			// releases more at once, and each is timed from when it was due, not sent.
			return Flux.interval(Duration.ZERO, Duration.ofMillis(1)).onBackpressureDrop().concatMapIterable((tick) -> {
				long due = schedule.dueBy(System.nanoTime() - this.start);
				List<Long> released = new ArrayList<>();
				for (long index = next.get(); index < due; index++) {
					released.add(index);
				}
				next.set(Math.max(next.get(), due));
				return released;
			})
				.takeUntil((index) -> index >= schedule.total() - 1)
				.flatMap((index) -> send(this.start + schedule.dueNanos(index)), this.plan.concurrency())
				.then();
		}

		/**
		 * Sends one request and records its latency from {@code from}; it is measured
		 * when {@code from} is not before the end of the warm-up.
		 * @param from when the request was due: now for the closed model
		 */
		private Mono<Void> send(long from) {
			return Mono.defer(() -> {
				boolean counted = from >= this.measureFrom;
				(counted ? this.sent : this.warmupSent).increment();
				this.peakInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
				return this.http.get()
					.uri(this.plan.pathAndQuery())
					.response((response, body) -> body.then(Mono.just(response.status().code())))
					.single()
					.doOnNext((status) -> answered(from, counted, (status / 100 == 2) ? null : "http " + status))
					.onErrorResume((ex) -> {
						answered(from, counted, kind(ex));
						return Mono.empty();
					})
					.then();
			});
		}

		private void answered(long from, boolean counted, @Nullable String error) {
			long now = System.nanoTime();
			long micros = Math.min(HIGHEST_MICROS, Math.max(0, (now - from) / 1000));
			this.live.recordValue(micros);
			if (error == null && now >= this.measureFrom && now <= this.measureUntil) {
				this.okInWindow.increment();
			}
			if (counted) {
				this.measured.recordValue(micros);
				if (error == null) {
					this.ok.increment();
				}
				else {
					this.errors.computeIfAbsent(error, (key) -> new LongAdder()).increment();
				}
				this.lastAnswer.accumulateAndGet(now, Math::max);
			}
			else if (error != null) {
				this.warmupErrors.increment();
			}
			this.inFlight.decrementAndGet();
		}

		private synchronized void drain() {
			this.total.add(this.measured.getIntervalHistogram());
		}

		private void tick() {
			drain();
			Histogram interval = this.live.getIntervalHistogram();
			long now = System.nanoTime();
			double seconds = (now - this.lastProgress) / 1e9;
			this.lastProgress = now;
			emit(new LoadProgress(this.app.name(), (now - this.start) / 1_000_000, now < this.measureFrom,
					interval.getTotalCount() / Math.max(seconds, 1e-3), Latency.of(interval), this.inFlight.get(),
					errorCount() + this.warmupErrors.sum(), this.sampler.lastRss()));
		}

		private long errorCount() {
			return this.errors.values().stream().mapToLong(LongAdder::sum).sum();
		}

		private synchronized LoadResult finish(long cpuBefore) {
			drain();
			long end = this.lastAnswer.get();
			long elapsedNanos = Math.max(1, end - this.measureFrom);
			long cpuAfter = processCpuNanos();
			long runNanos = Math.max(1, end - this.start);
			double engineCpu = (cpuBefore >= 0 && cpuAfter >= 0)
					? (cpuAfter - cpuBefore) / ((double) runNanos * cores()) : -1;
			double throughput = this.plan.warmup().isZero() ? this.ok.sum() / (elapsedNanos / 1e9)
					: this.okInWindow.sum() / (this.plan.duration().toNanos() / 1e9);
			Map<String, Long> errorsByKind = new TreeMap<>();
			this.errors.forEach((kind, count) -> errorsByKind.put(kind, count.sum()));
			return new LoadResult(this.app.name(), this.plan, elapsedNanos / 1_000_000, this.sent.sum(), this.ok.sum(),
					errorsByKind, throughput, this.plan.efficiency(throughput), Latency.of(this.total),
					this.peakInFlight.get(), this.sampler.peakServerInFlight(), this.sampler.peakThreads(),
					this.sampler.peakVirtualThreads(), this.sampler.peakHeap(), this.sampler.peakRss(),
					this.sampler.meanCpu(), engineCpu, this.warmupSent.sum());
		}

	}

}
