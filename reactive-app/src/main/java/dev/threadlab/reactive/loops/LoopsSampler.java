package dev.threadlab.reactive.loops;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.regex.Pattern;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.ExecutorSnapshot;
import dev.threadlab.shared.contract.LoopsSnapshot;
import dev.threadlab.shared.loops.LoopMonitor;
import dev.threadlab.shared.loops.StackSample;
import dev.threadlab.shared.threads.ThreadPool;
import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Takes the snapshots of {@code GET /api/loops} on reactive-app: the event loops from the
 * {@link LoopMonitor}, and Reactor's timers, its worker pool and the file channel pool.
 * Sampling is a blocking read (a stack sample, the pools' locks): never on an event loop.
 */
final class LoopsSampler {

	private static final Pattern PARALLEL = Pattern.compile("parallel-\\d+");

	private static final Pattern BOUNDED_ELASTIC = Pattern.compile("boundedElastic-\\d+");

	private static final Pattern FILE_IO = Pattern.compile("file-io-\\d+");

	private static final Map<String, String> NOTES = notes();

	private final @Nullable LoopMonitor monitor;

	private final ExecutorService fileIo;

	LoopsSampler(@Nullable LoopMonitor monitor, ExecutorService fileIo) {
		this.monitor = monitor;
		this.fileIo = fileIo;
	}

	LoopsSnapshot sample() {
		StackSample stacks = StackSample.take();
		List<ExecutorSnapshot> pools = List.of(reactorPool("parallel", ThreadPool.TIMERS, PARALLEL, stacks),
				reactorPool("boundedElastic", ThreadPool.WORKER_POOL, BOUNDED_ELASTIC, stacks), fileIoPool());
		Map<String, String> notes = NOTES;
		if (this.monitor == null) {
			notes = new LinkedHashMap<>(NOTES);
			notes.put("loops", "Not probed: the app runs with lab.loops.probes=false.");
		}
		return new LoopsSnapshot(Contender.REACTIVE.app(), Contender.REACTIVE.model(), Instant.now(),
				(this.monitor != null) ? this.monitor.loops(stacks) : List.of(), pools, null, null, notes);
	}

	/**
	 * One of Reactor's shared schedulers, read through its {@link Scannable} view: its
	 * capacity, and per thread the tasks submitted and not completed. Busy threads come
	 * from the stack sample, so {@code queued} is what is submitted but not running: for
	 * {@code parallel} mostly timers set and not yet fired, one per pending
	 * {@code Mono.delay}.
	 */
	private static ExecutorSnapshot reactorPool(String name, ThreadPool pool, Pattern threads, StackSample stacks) {
		Scheduler scheduler = name.equals("parallel") ? Schedulers.parallel() : Schedulers.boundedElastic();
		Scannable scannable = Scannable.from(scheduler);
		Integer capacity = scannable.scan(Scannable.Attr.CAPACITY);
		int submitted = scannable.inners().mapToInt(LoopsSampler::buffered).sum();
		if (stacks.takenIn(threads)) {
			submitted--; // this read, running on one of the pool's threads
		}
		int busy = stacks.busy(threads);
		return new ExecutorSnapshot(name, pool.label(), stacks.threads(threads), (capacity != null) ? capacity : 0,
				busy, Math.max(0, submitted - busy));
	}

	private static int buffered(Scannable executor) {
		Integer buffered = executor.scan(Scannable.Attr.BUFFERED);
		return (buffered != null) ? buffered : 0;
	}

	private ExecutorSnapshot fileIoPool() {
		if (!(this.fileIo instanceof ThreadPoolExecutor pool)) {
			return new ExecutorSnapshot("file-io", ThreadPool.WORKER_POOL.label(), 0, 0, 0, 0);
		}
		return new ExecutorSnapshot("file-io", ThreadPool.WORKER_POOL.label(), pool.getPoolSize(),
				pool.getMaximumPoolSize(), pool.getActiveCount(), pool.getQueue().size());
	}

	private static Map<String, String> notes() {
		Map<String, String> notes = new LinkedHashMap<>();
		notes.put("requestPool", "None: Reactor Netty reads every request on an event loop, "
				+ "and no request waits for a thread of a pool.");
		notes.put("virtualScheduler", "None: this app runs no virtual threads.");
		return Collections.unmodifiableMap(notes);
	}

}
