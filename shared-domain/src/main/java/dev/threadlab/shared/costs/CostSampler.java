package dev.threadlab.shared.costs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.threadlab.shared.contract.CostsSnapshot;
import dev.threadlab.shared.contract.CostsSnapshot.ContextSwitches;
import dev.threadlab.shared.contract.CostsSnapshot.Cpu;
import dev.threadlab.shared.contract.CostsSnapshot.Memory;
import dev.threadlab.shared.contract.CostsSnapshot.Requests;
import dev.threadlab.shared.contract.CostsSnapshot.Switches;
import dev.threadlab.shared.threads.ThreadPool;
import dev.threadlab.shared.trace.Tracer;

import org.jspecify.annotations.Nullable;

/**
 * Takes the reads of {@code GET /api/costs}: CPU time and context switches by pool,
 * cumulative since start, and the memory and threads held now. A read is one pass over
 * the JVM's threads and one small {@code /proc} file per task: blocking file I/O, so the
 * reactive app runs it off its event loops. Reads are serialised, since each one updates
 * the remembered readings of the threads that have ended.
 * <p>
 * The pass over the threads is the dear part and grows with them: with 2,000 threads
 * about 66 ms of CPU, 13 of them listing the threads and their CPU times and the rest
 * opening one {@code /proc} file per task; and the dashboard reads every 500 ms. So the
 * pass is taken at most once every {@link #PASS_REFRESH_NANOS}: a read sooner serves the
 * last pass's CPU by pool and context switches (counters that only grow, so an older pass
 * is a lower floor, never a wrong figure) and says when it was taken in {@code notes}.
 * The process's CPU time, memory, threads and requests are read fresh every time.
 */
public final class CostSampler {

	private static final double NANOS_PER_MS = 1_000_000.0;

	/**
	 * How long one pass over the threads serves later reads: two of the dashboard's polls
	 * every 500 ms share one pass.
	 */
	static final long PASS_REFRESH_NANOS = 1_000_000_000L;

	private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final Tracer tracer;

	private final boolean counting;

	private final Path procRoot;

	private final ProcTasks tasks;

	private final NativeMemory nativeMemory;

	private final LongSupplier nanoClock;

	/** The last CPU time read of each live thread, by Java thread id (never reused). */
	private final Map<Long, ThreadCpu> cpuByThread = new HashMap<>();

	/**
	 * The last pass over the threads, served until it is {@link #PASS_REFRESH_NANOS} old.
	 */
	private @Nullable Pass lastPass;

	private long lastPassNanos;

	/** The CPU time of the threads that have ended, by pool. */
	private final Map<ThreadPool, Long> retiredCpu = new EnumMap<>(ThreadPool.class);

	/**
	 * A sampler of this process through {@code /proc} and this JVM's Native Memory
	 * Tracking.
	 * @param tracer the app's tracer, for requests served and virtual threads
	 * @param counting whether the tracer counts requests ({@code lab.trace.enabled})
	 */
	public CostSampler(Tracer tracer, boolean counting) {
		this(tracer, counting, Path.of("/proc"), NativeMemory.platform());
	}

	/**
	 * A sampler reading a given {@code /proc}, for tests: an empty folder is a machine
	 * without one.
	 * @param tracer the app's tracer
	 * @param counting whether the tracer counts requests
	 * @param procRoot where {@code /proc} is
	 * @param nativeMemory where thread stacks are read
	 */
	public CostSampler(Tracer tracer, boolean counting, Path procRoot, NativeMemory nativeMemory) {
		this(tracer, counting, procRoot, nativeMemory, System::nanoTime);
	}

	CostSampler(Tracer tracer, boolean counting, Path procRoot, NativeMemory nativeMemory, LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
		this.tracer = tracer;
		this.counting = counting;
		this.procRoot = procRoot;
		this.tasks = new ProcTasks(procRoot);
		this.nativeMemory = nativeMemory;
		for (ThreadPool pool : ThreadPool.values()) {
			this.retiredCpu.put(pool, 0L);
		}
	}

	/**
	 * Reads the costs now.
	 * @return the read
	 */
	public synchronized CostsSnapshot sample() {
		List<String> notes = new ArrayList<>();
		long now = this.nanoClock.getAsLong();
		Pass pass = this.lastPass;
		if (pass == null || now - this.lastPassNanos >= PASS_REFRESH_NANOS) {
			pass = pass();
			this.lastPass = pass;
			this.lastPassNanos = now;
			notes.addAll(pass.notes());
		}
		else {
			notes.addAll(pass.notes());
			notes.add("cpu.byPool, contextSwitches: from the pass over the threads taken at " + pass.at()
					+ "; it costs one /proc file per thread, so reads less than 1 s apart share one");
		}
		Cpu cpu = new Cpu(this.os.getProcessCpuTime() / NANOS_PER_MS, pass.cpuByPool());
		ContextSwitches switches = pass.switches();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		Memory memory = new Memory(rssBytes(notes), heap.getUsed(), heap.getCommitted(),
				this.nativeMemory.stacksCommittedBytes(notes), this.threads.getThreadCount(),
				this.tracer.virtualThreads());
		Long completed = this.counting ? this.tracer.completed() : null;
		if (!this.counting) {
			notes.add("requests.completed: tracing is off (lab.trace.enabled=false), so no request is counted");
		}
		return new CostsSnapshot(this.tracer.contender().app(), this.tracer.contender().model(), Instant.now(), cpu,
				switches, memory, new Requests(completed), notes);
	}

	private Pass pass() {
		List<String> notes = new ArrayList<>();
		ThreadInfo[] infos = this.threads.dumpAllThreads(false, false, 0);
		Map<String, Double> cpuByPool = cpuByPool(infos, notes);
		ContextSwitches switches = contextSwitches(infos, notes);
		return new Pass(Instant.now(), cpuByPool, switches, List.copyOf(notes));
	}

	private Map<String, Double> cpuByPool(ThreadInfo[] infos, List<String> notes) {
		if (!this.threads.isThreadCpuTimeSupported() || !this.threads.isThreadCpuTimeEnabled()) {
			notes.add("cpu.byPool: this JVM does not measure the CPU time of its threads");
			return Map.of();
		}
		long[] ids = new long[infos.length];
		for (int i = 0; i < infos.length; i++) {
			ids[i] = infos[i].getThreadId();
		}
		long[] times = this.threads.getThreadCpuTime(ids);
		Map<Long, ThreadCpu> live = new HashMap<>(infos.length * 2);
		for (int i = 0; i < infos.length; i++) {
			ThreadCpu last = this.cpuByThread.get(ids[i]);
			if (times[i] >= 0) {
				// A thread keeps the pool it was first seen in, so that a rename never
				// moves its past time out of a pool's sum.
				ThreadPool pool = (last != null) ? last.pool() : ThreadPool.classify(infos[i].getThreadName());
				live.put(ids[i], new ThreadCpu(pool, times[i]));
			}
			else if (last != null) {
				live.put(ids[i], last); // ended since the listing: kept until the next
										// read
			}
		}
		for (Iterator<Map.Entry<Long, ThreadCpu>> entries = this.cpuByThread.entrySet().iterator(); entries
			.hasNext();) {
			Map.Entry<Long, ThreadCpu> entry = entries.next();
			if (!live.containsKey(entry.getKey())) {
				this.retiredCpu.merge(entry.getValue().pool(), entry.getValue().nanos(), Long::sum);
				entries.remove();
			}
		}
		this.cpuByThread.putAll(live);
		Map<ThreadPool, Long> byPool = new EnumMap<>(this.retiredCpu);
		live.values().forEach((thread) -> byPool.merge(thread.pool(), thread.nanos(), Long::sum));
		Map<String, Double> ms = new LinkedHashMap<>();
		byPool.forEach((pool, nanos) -> ms.put(pool.label(), nanos / NANOS_PER_MS));
		return ms;
	}

	private ContextSwitches contextSwitches(ThreadInfo[] infos, List<String> notes) {
		Map<String, @Nullable ThreadPool> poolOfCutName = new HashMap<>();
		for (ThreadInfo info : infos) {
			ThreadPool pool = ThreadPool.classify(info.getThreadName());
			// A cut name shared by two pools tells nothing: null, and the cut name is
			// sorted on its own.
			poolOfCutName.merge(ProcTasks.cut(info.getThreadName()), pool, (one, other) -> (one == other) ? one : null);
		}
		Map<ThreadPool, long[]> byPool = this.tasks.read(poolOfCutName::get);
		if (byPool == null) {
			notes.add("contextSwitches: no " + this.procRoot.resolve("self/task")
					+ " to read (not Linux?), so context switches are not counted");
			return new ContextSwitches(null, null, null);
		}
		long voluntary = 0;
		long involuntary = 0;
		Map<String, Switches> switches = new LinkedHashMap<>();
		for (Map.Entry<ThreadPool, long[]> entry : byPool.entrySet()) {
			long[] counts = entry.getValue();
			voluntary += counts[0];
			involuntary += counts[1];
			switches.put(entry.getKey().label(), new Switches(counts[0], counts[1]));
		}
		return new ContextSwitches(voluntary, involuntary, switches);
	}

	private @Nullable Long rssBytes(List<String> notes) {
		Path status = this.procRoot.resolve("self").resolve("status");
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmRSS:")) {
					// "VmRSS: 123456 kB": the kernel always says kB
					String[] parts = line.substring(6).strip().split("\\s+");
					return Long.parseLong(parts[0]) * 1024;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// no /proc here: said below
		}
		notes.add("memory.rssBytes: no VmRSS in " + status + " (not Linux?)");
		return null;
	}

	private record ThreadCpu(ThreadPool pool, long nanos) {
	}

	/**
	 * One pass over the threads: what grows with their number.
	 */
	private record Pass(Instant at, Map<String, Double> cpuByPool, ContextSwitches switches, List<String> notes) {
	}

}
