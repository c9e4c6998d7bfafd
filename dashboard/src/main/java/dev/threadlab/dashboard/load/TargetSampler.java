package dev.threadlab.dashboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClientRequest;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Samples an app during a load run, from outside: its threads and requests in flight from
 * {@code /api/threads}, its heap and CPU from actuator, and, for a process whose pid is
 * known, its resident memory and OS threads from {@code /proc/<pid>/status}. The pid is
 * given (the benchmark started the process) or told by the app's {@code /actuator/info}
 * ({@code management.info.process.enabled}).
 */
final class TargetSampler {

	private static final Duration EVERY = Duration.ofMillis(500);

	/**
	 * A thread-per-request app whose threads are all busy answers samples late, or not at
	 * all: a missing sample must not hold up the run.
	 */
	private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * How far apart the OS's and the JVM's start times of one process may be: the JVM
	 * takes its time a little after the process starts.
	 */
	private static final Duration SAME_START = Duration.ofSeconds(5);

	private final WebClient client;

	private final LabApp app;

	private volatile @Nullable Long pid;

	private final AtomicLong peakServerInFlight = new AtomicLong(-1);

	private final AtomicLong peakAppThreads = new AtomicLong(-1);

	private final AtomicLong peakOsThreads = new AtomicLong(-1);

	private final AtomicLong peakVirtualThreads = new AtomicLong(-1);

	private final AtomicLong peakHeap = new AtomicLong(-1);

	private final AtomicLong peakRss = new AtomicLong(-1);

	private final AtomicLong lastRss = new AtomicLong(-1);

	private final DoubleAdder cpuSum = new DoubleAdder();

	private final AtomicLong cpuSamples = new AtomicLong();

	private final Sinks.Empty<Void> stopping = Sinks.empty();

	private @Nullable Disposable running;

	TargetSampler(WebClient client, LabApp app, @Nullable Long pid) {
		this.client = client;
		this.app = app;
		this.pid = pid;
	}

	/**
	 * Asks the app for its pid when none was given, then samples every half second until
	 * stopped. The pid is asked for before the load starts: a thread-per-request app
	 * whose threads are all busy would answer too late.
	 * @return completes when sampling has started
	 */
	Mono<Void> start() {
		// The engine only loads this machine, so a pid the app tells is on this machine
		// too, unless the app runs in a container of its own: see trusted().
		Mono<Void> findPid = (this.pid != null) ? Mono.empty() : info().doOnNext((found) -> this.pid = found).then();
		return findPid.then(Mono.fromRunnable(() -> this.running = Flux.interval(Duration.ZERO, EVERY)
			.onBackpressureDrop()
			// Stopping ends the ticks, not the sample in flight: cancelling a response
			// while WebClient delivers it logs an error nobody can catch.
			.takeUntilOther(this.stopping.asMono())
			.concatMap((tick) -> sample(), 1)
			.subscribe()));
	}

	/**
	 * The app's pid, from {@code /actuator/info}, when it is a process on this machine.
	 * @return the pid, or empty
	 */
	private Mono<Long> info() {
		// Checking the pid reads /proc: off the event loop that delivered the answer.
		return get("/actuator/info", InfoBody.class).publishOn(Schedulers.boundedElastic())
			.flatMap((body) -> Mono.justOrEmpty(trusted(body.process())));
	}

	/**
	 * The pid an app told, if a process of this machine has that pid and started when the
	 * app says it did. An app in a container has pids of its own, which on this machine
	 * may be another process or none: its memory must not be read as the app's.
	 * @param process the {@code process} part of {@code /actuator/info}
	 * @return the pid, or {@code null} when it is not the app's here
	 */
	static @Nullable Long trusted(@Nullable ProcessBody process) {
		Long pid = (process != null) ? process.pid() : null;
		Instant told = (process != null) ? process.startTime() : null;
		if (pid == null || told == null) {
			return null;
		}
		boolean same = ProcessHandle.of(pid)
			.flatMap((handle) -> handle.info().startInstant())
			.map((started) -> Duration.between(started, told).abs().compareTo(SAME_START) <= 0)
			.orElse(false);
		return same ? pid : null;
	}

	/**
	 * Stops sampling, after one last sample: resident memory is often highest at the end.
	 * @return completes after the last sample
	 */
	Mono<Void> stop() {
		this.stopping.tryEmitEmpty();
		return sample();
	}

	/**
	 * Stops sampling, whatever happened to the run.
	 */
	void cancel() {
		Disposable sampling = this.running;
		if (sampling != null) {
			sampling.dispose();
		}
	}

	Mono<Void> sample() {
		Mono<Void> threads = get("/api/threads", ThreadsBody.class).doOnNext((body) -> {
			this.peakServerInFlight.accumulateAndGet(body.inFlight(), Math::max);
			this.peakAppThreads.accumulateAndGet(body.live(), Math::max);
			this.peakVirtualThreads.accumulateAndGet(body.virtualThreads(), Math::max);
		}).then();
		Mono<Void> heap = metric("jvm.memory.used?tag=area:heap")
			.doOnNext((value) -> this.peakHeap.accumulateAndGet(value.longValue(), Math::max))
			.then();
		Mono<Void> cpu = metric("process.cpu.usage").doOnNext((value) -> {
			this.cpuSum.add(value);
			this.cpuSamples.incrementAndGet();
		}).then();
		// Reading /proc/<pid>/status is file I/O: not on the event loop that delivered
		// the last answer.
		return Mono.when(threads, heap, cpu)
			.then(Mono.fromRunnable(this::sampleProcess).subscribeOn(Schedulers.boundedElastic()))
			.then();
	}

	private Mono<Double> metric(String nameAndQuery) {
		return get("/actuator/metrics/" + nameAndQuery, MetricBody.class)
			.flatMap((body) -> Mono.justOrEmpty(body.value()));
	}

	/**
	 * One sample from the app, or nothing when it does not answer in time.
	 */
	private <T> Mono<T> get(String pathAndQuery, Class<T> type) {
		return this.client.get()
			.uri(this.app.resolve(pathAndQuery))
			// Netty's own response timeout rather than Reactor's timeout(): a response
			// cancelled while WebClient delivers it logs an error nobody can catch
			// (spring-projects/spring-framework#37204).
			.httpRequest((request) -> {
				if (request.getNativeRequest() instanceof HttpClientRequest reactor) {
					reactor.responseTimeout(SAMPLE_TIMEOUT);
				}
			})
			.retrieve()
			.bodyToMono(type)
			// Only for a connector without a response timeout of its own.
			.timeout(SAMPLE_TIMEOUT.multipliedBy(3))
			.onErrorResume((ex) -> Mono.empty());
	}

	private void sampleProcess() {
		Long known = this.pid;
		if (known == null) {
			return;
		}
		ProcStatus status = ProcStatus.read(known);
		if (status != null) {
			this.lastRss.set(status.rssBytes());
			this.peakRss.accumulateAndGet(status.rssBytes(), Math::max);
			this.peakOsThreads.accumulateAndGet(status.threads(), Math::max);
		}
	}

	long peakServerInFlight() {
		return this.peakServerInFlight.get();
	}

	/**
	 * The most live threads: the OS's count when the process is known (virtual threads do
	 * not show in either), else the app's own.
	 * @return the peak, or -1
	 */
	long peakThreads() {
		long os = this.peakOsThreads.get();
		return (os >= 0) ? os : this.peakAppThreads.get();
	}

	long peakVirtualThreads() {
		return this.peakVirtualThreads.get();
	}

	long peakHeap() {
		return this.peakHeap.get();
	}

	long peakRss() {
		return this.peakRss.get();
	}

	long lastRss() {
		return this.lastRss.get();
	}

	double meanCpu() {
		long samples = this.cpuSamples.get();
		return (samples > 0) ? this.cpuSum.sum() / samples : -1;
	}

	/**
	 * The part of {@code /api/threads} the sampler reads.
	 *
	 * @param live live platform threads
	 * @param inFlight requests being served
	 * @param virtualThreads requests running on a virtual thread
	 */
	record ThreadsBody(int live, int inFlight, int virtualThreads) {
	}

	/**
	 * The part of {@code /actuator/info} the sampler reads.
	 *
	 * @param process the process contributor's details, when it is enabled
	 */
	record InfoBody(@Nullable ProcessBody process) {
	}

	/**
	 * The app's process, as its actuator tells it.
	 *
	 * @param pid its process id
	 * @param startTime when its JVM started
	 */
	record ProcessBody(@Nullable Long pid, @Nullable Instant startTime) {
	}

	/**
	 * An actuator metric.
	 *
	 * @param measurements its measurements; the first is its value
	 */
	record MetricBody(@Nullable List<Measurement> measurements) {

		@Nullable Double value() {
			return (this.measurements != null && !this.measurements.isEmpty()) ? this.measurements.get(0).value()
					: null;
		}

	}

	/**
	 * One measurement of an actuator metric.
	 *
	 * @param statistic such as {@code VALUE}
	 * @param value its value
	 */
	record Measurement(String statistic, double value) {
	}

	/**
	 * The lines of {@code /proc/<pid>/status} the sampler reads.
	 *
	 * @param rssBytes resident memory
	 * @param threads the process's OS threads
	 */
	record ProcStatus(long rssBytes, long threads) {

		static @Nullable ProcStatus read(long pid) {
			try {
				return parse(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		static @Nullable ProcStatus parse(List<String> lines) {
			long rss = -1;
			long threads = -1;
			for (String line : lines) {
				if (line.startsWith("VmRSS:")) {
					rss = Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
				}
				else if (line.startsWith("Threads:")) {
					threads = Long.parseLong(line.substring(8).trim());
				}
			}
			return (rss >= 0) ? new ProcStatus(rss, threads) : null;
		}

	}

}
