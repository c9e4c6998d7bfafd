package dev.threadlab.dashboard.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Samples an app during a load run, from outside: its threads and requests in flight from
 * {@code /api/threads}, its heap and CPU from actuator, and, for a process whose pid is
 * known, its resident memory and OS threads from {@code /proc/<pid>/status}.
 */
final class TargetSampler {

	private static final Duration EVERY = Duration.ofMillis(500);

	/**
	 * A thread-per-request app whose threads are all busy answers samples late, or not at
	 * all: a missing sample must not hold up the run.
	 */
	private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);

	private final WebClient client;

	private final LabApp app;

	private final @Nullable Long pid;

	private final AtomicLong peakServerInFlight = new AtomicLong(-1);

	private final AtomicLong peakAppThreads = new AtomicLong(-1);

	private final AtomicLong peakOsThreads = new AtomicLong(-1);

	private final AtomicLong peakVirtualThreads = new AtomicLong(-1);

	private final AtomicLong peakHeap = new AtomicLong(-1);

	private final AtomicLong peakRss = new AtomicLong(-1);

	private final DoubleAdder cpuSum = new DoubleAdder();

	private final AtomicLong cpuSamples = new AtomicLong();

	private @Nullable Disposable running;

	TargetSampler(WebClient client, LabApp app, @Nullable Long pid) {
		this.client = client;
		this.app = app;
		this.pid = pid;
	}

	void start() {
		this.running = Flux.interval(Duration.ZERO, EVERY)
			.onBackpressureDrop()
			.concatMap((tick) -> sample(), 1)
			.subscribe();
	}

	/**
	 * Stops sampling, after one last sample: resident memory is often highest at the end.
	 * @return completes after the last sample
	 */
	Mono<Void> stop() {
		Disposable sampling = this.running;
		if (sampling != null) {
			sampling.dispose();
		}
		return sample();
	}

	Mono<Void> sample() {
		Mono<Void> threads = this.client.get()
			.uri(this.app.resolve("/api/threads"))
			.retrieve()
			.bodyToMono(ThreadsBody.class)
			.timeout(SAMPLE_TIMEOUT)
			.doOnNext((body) -> {
				this.peakServerInFlight.accumulateAndGet(body.inFlight(), Math::max);
				this.peakAppThreads.accumulateAndGet(body.live(), Math::max);
				this.peakVirtualThreads.accumulateAndGet(body.virtualThreads(), Math::max);
			})
			.onErrorResume((ex) -> Mono.empty())
			.then();
		Mono<Void> heap = metric("jvm.memory.used?tag=area:heap")
			.doOnNext((value) -> this.peakHeap.accumulateAndGet(value.longValue(), Math::max))
			.then();
		Mono<Void> cpu = metric("process.cpu.usage").doOnNext((value) -> {
			this.cpuSum.add(value);
			this.cpuSamples.incrementAndGet();
		}).then();
		return Mono.when(threads, heap, cpu).then(Mono.fromRunnable(this::sampleProcess));
	}

	private Mono<Double> metric(String nameAndQuery) {
		return this.client.get()
			.uri(this.app.resolve("/actuator/metrics/" + nameAndQuery))
			.retrieve()
			.bodyToMono(MetricBody.class)
			.timeout(SAMPLE_TIMEOUT)
			.flatMap((body) -> Mono.justOrEmpty(body.value()))
			.onErrorResume((ex) -> Mono.empty());
	}

	private void sampleProcess() {
		if (this.pid == null) {
			return;
		}
		ProcStatus status = ProcStatus.read(this.pid);
		if (status != null) {
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
