package dev.threadlab.shared.costs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.CostsSnapshot;
import dev.threadlab.shared.contract.CostsSnapshot.Switches;
import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.trace.Tracer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CostSamplerTests {

	private static final NativeMemory OFF = new NativeMemory(() -> "Native memory tracking is not enabled");

	private final Tracer tracer = new Tracer(Contender.BLOCKING, 10);

	@Test
	void withoutProcTheOsFieldsAreNullAndNotesSayWhy(@TempDir Path emptyProc) {
		CostsSnapshot costs = new CostSampler(this.tracer, true, emptyProc, OFF).sample();
		assertThat(costs.contextSwitches().voluntary()).isNull();
		assertThat(costs.contextSwitches().involuntary()).isNull();
		assertThat(costs.contextSwitches().byPool()).isNull();
		assertThat(costs.memory().rssBytes()).isNull();
		assertThat(costs.memory().threadStacksCommittedBytes()).isNull();
		assertThat(costs.notes()).hasSize(3)
			.anySatisfy((note) -> assertThat(note).startsWith("contextSwitches:"))
			.anySatisfy((note) -> assertThat(note).startsWith("memory.rssBytes:"))
			.anySatisfy((note) -> assertThat(note).startsWith("threadStacksCommittedBytes:"));
		// What the JVM itself measures is there all the same.
		assertThat(costs.cpu().processMs()).isPositive();
		assertThat(costs.memory().heapUsedBytes()).isPositive();
		assertThat(costs.memory().platformThreads()).isPositive();
	}

	@Test
	void switchesAreSortedByTheCutNameAndNeverFallWhenTasksEnd(@TempDir Path proc) throws IOException {
		task(proc, 101, "http-nio-8081-e", 10, 1);
		task(proc, 102, "GC Thread#0", 5, 2);
		task(proc, 103, "reactor-http-ep", 7, 0);
		Files.writeString(proc.resolve("self/status"), "Name:\tjava\nVmRSS:\t  2048 kB\n");
		AtomicLong clock = new AtomicLong();
		CostSampler sampler = new CostSampler(this.tracer, true, proc, OFF, clock::get);
		// The kernel's cut name says nothing of Tomcat; the live Java thread it was cut
		// from does.
		CountDownLatch done = new CountDownLatch(1);
		Thread tomcat = new Thread(() -> await(done), "http-nio-8081-exec-1");
		tomcat.start();

		CostsSnapshot first = sampler.sample();
		assertThat(first.memory().rssBytes()).isEqualTo(2048L * 1024);
		assertThat(first.contextSwitches().voluntary()).isEqualTo(22);
		assertThat(first.contextSwitches().involuntary()).isEqualTo(3);
		Map<String, Switches> pools = first.contextSwitches().byPool();
		assertThat(pools).containsEntry("request-workers", new Switches(10, 1))
			.containsEntry("event-loop", new Switches(7, 0))
			.containsEntry("other", new Switches(5, 2))
			.containsEntry("timers", new Switches(0, 0));

		// The worker ends, and its tid comes back as a new thread that has switched less.
		Files.delete(proc.resolve("self/task/101/status"));
		Files.delete(proc.resolve("self/task/101"));
		task(proc, 103, "reactor-http-ep", 2, 0);
		clock.addAndGet(CostSampler.PASS_REFRESH_NANOS);
		CostsSnapshot second = sampler.sample();
		done.countDown();
		assertThat(second.contextSwitches().byPool()).containsEntry("request-workers", new Switches(10, 1))
			.containsEntry("event-loop", new Switches(9, 0));
		assertThat(second.contextSwitches().voluntary()).isEqualTo(24);
	}

	@Test
	void readsLessThanASecondApartShareOnePassOverTheThreadsAndSaySo(@TempDir Path proc) throws IOException {
		task(proc, 101, "http-nio-8081-e", 10, 1);
		AtomicLong clock = new AtomicLong();
		CostSampler sampler = new CostSampler(this.tracer, true, proc, OFF, clock::get);
		CostsSnapshot fresh = sampler.sample();
		assertThat(fresh.notes()).noneSatisfy((note) -> assertThat(note).contains("from the pass"));

		task(proc, 101, "http-nio-8081-e", 30, 4);
		clock.addAndGet(CostSampler.PASS_REFRESH_NANOS - 1);
		CostsSnapshot shared = sampler.sample();
		assertThat(shared.contextSwitches()).isEqualTo(fresh.contextSwitches());
		assertThat(shared.notes()).anySatisfy((note) -> assertThat(note)
			.startsWith("cpu.byPool, contextSwitches: from the pass over the threads taken at"));
		assertThat(shared.cpu().byPool()).isEqualTo(fresh.cpu().byPool());
		// What is cheap to read is never served from the pass.
		assertThat(shared.sampledAt()).isAfterOrEqualTo(fresh.sampledAt());
		assertThat(shared.cpu().processMs()).isGreaterThanOrEqualTo(fresh.cpu().processMs());

		clock.addAndGet(1);
		CostsSnapshot next = sampler.sample();
		assertThat(next.contextSwitches().voluntary()).isEqualTo(30);
		assertThat(next.contextSwitches().involuntary()).isEqualTo(4);
		assertThat(next.notes()).noneSatisfy((note) -> assertThat(note).contains("from the pass"));
	}

	@Test
	void cpuOfAnEndedThreadStaysInItsPool(@TempDir Path proc) throws InterruptedException {
		AtomicLong clock = new AtomicLong();
		CostSampler sampler = new CostSampler(this.tracer, true, proc, OFF, clock::get);
		CountDownLatch seen = new CountDownLatch(1);
		CountDownLatch sampled = new CountDownLatch(1);
		Thread worker = new Thread(() -> {
			// 50 ms of this thread's own CPU time, however busy the machine is
			ThreadMXBean mx = ManagementFactory.getThreadMXBean();
			double sink = 0;
			while (mx.getCurrentThreadCpuTime() < 50_000_000) {
				sink += Math.sqrt(sink + 1);
			}
			seen.countDown();
			await(sampled);
		}, "boundedElastic-costs-1");
		worker.start();
		seen.await();
		double during = sampler.sample().cpu().byPool().get("worker-pool");
		sampled.countDown();
		worker.join();
		clock.addAndGet(CostSampler.PASS_REFRESH_NANOS);
		double after = sampler.sample().cpu().byPool().get("worker-pool");
		assertThat(during).as("the worker's 50 ms").isGreaterThanOrEqualTo(50);
		assertThat(after).isGreaterThanOrEqualTo(during);
	}

	@Test
	void completedCountsFinishedRequestsAndIsNullWhenTracingIsOff(@TempDir Path proc) {
		RequestTrace trace = this.tracer.begin(null);
		trace.finish();
		this.tracer.end(trace, "GET", "/api/items/1", 200);
		this.tracer.end(this.tracer.begin(null), "GET", "/api/items/2", 200);
		assertThat(new CostSampler(this.tracer, true, proc, OFF).sample().requests().completed()).isEqualTo(2);
		CostsSnapshot off = new CostSampler(this.tracer, false, proc, OFF).sample();
		assertThat(off.requests().completed()).isNull();
		assertThat(off.notes()).anySatisfy((note) -> assertThat(note).startsWith("requests.completed:"));
	}

	@Test
	void costsReadsAreNotTraced() {
		assertThat(Tracer.traces("/api/costs")).isFalse();
		// The dashboard polls the loops with the costs: its polls are not requests
		// served.
		assertThat(Tracer.traces("/api/loops")).isFalse();
		assertThat(Tracer.traces("/api/items/1")).isTrue();
	}

	private static void task(Path proc, int tid, String name, long voluntary, long involuntary) throws IOException {
		Path dir = Files.createDirectories(proc.resolve("self/task/" + tid));
		Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t"
				+ voluntary + "\nnonvoluntary_ctxt_switches:\t" + involuntary + "\n");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
