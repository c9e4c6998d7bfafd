package dev.threadlab.reactive;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlab.reactive.NoBlockingCalls.BlockingCall;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.LoopSnapshot;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.LoopsTestKit;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.loops.LoopMonitor;
import dev.threadlab.shared.loops.StackSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/loops} on the real Reactor Netty server, with BlockHound watching: the
 * kit's checks, and what a held loop looks like from outside it. While a loop is held, a
 * request whose connection it serves waits too, so the samples during a hold are read in
 * process, from the monitor the endpoint reads.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(NoBlockingCalls.class)
class LoopsTests extends LoopsTestKit {

	@LocalServerPort
	private int port;

	@Autowired
	private LoopMonitor monitor;

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.REACTIVE;
	}

	@Test
	void probesAndReadingTheLoopsAddNoBlockingCall() {
		long before = this.monitor.probesFired();
		for (int i = 0; i < 20; i++) {
			loops();
			pause(50);
		}
		// About a second of probes on every loop: fifty each, fewer on a loaded machine.
		assertThat(this.monitor.probesFired() - before).as("probes ran").isGreaterThanOrEqualTo(20);
		assertThat(NoBlockingCalls.drain()).as("no blocking call on a loop or a timer").isEmpty();
	}

	@Test
	void aSleepOnALoopShowsAsThatLoopsLagWhileItSleepsAndFallsBackAfter() {
		CompletableFuture<Answer> sleeping = client().sendAsync(client().request("/api/sleep?delayMs=2000").build());
		List<List<LoopSnapshot>> samples = new ArrayList<>();
		while (!sleeping.isDone()) {
			samples.add(this.monitor.loops(StackSample.take()));
			pause(50);
		}
		Answer answer = sleeping.join();
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		String held = answer.json().get("trace").get("startThread").asString();
		assertThat(samples).as("a moment 1.5 s into the sleep: the held loop shows it, no other loop lags")
			.anySatisfy((sample) -> {
				assertThat(loop(sample, held).lagMs().now()).isGreaterThanOrEqualTo(1_500);
				assertThat(loop(sample, held).state()).isEqualTo("blocked");
				assertThat(sample).filteredOn((loop) -> !loop.thread().equals(held))
					.allSatisfy((idle) -> assertThat(idle.lagMs().now()).as(idle.toString()).isLessThan(100));
			});
		// Free again: the waiting probe runs at once, and the lag now falls back; the
		// sleep stays in the window's max.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		LoopSnapshot after = loop(this.monitor.loops(StackSample.take()), held);
		while (after.lagMs().now() >= 100 && System.nanoTime() < deadline) {
			pause(20);
			after = loop(this.monitor.loops(StackSample.take()), held);
		}
		assertThat(after.lagMs().now()).as(after.toString()).isLessThan(100);
		assertThat(after.lagMs().max()).as(after.toString()).isGreaterThanOrEqualTo(1_500);
		// The sleep on the loop, on purpose: taken so that NoBlockingCalls passes the
		// test.
		List<BlockingCall> calls = NoBlockingCalls.drain();
		assertThat(calls).as("the sleep, and nothing else").hasSize(1).allSatisfy((call) -> {
			assertThat(call.method()).isEqualTo("java.lang.Thread.sleep");
			assertThat(call.thread()).isEqualTo(held);
		});
	}

	@Test
	void cpuWorkOnALoopShowsItRunningAndUsingTheCpu() {
		CompletableFuture<Answer> working = client()
			.sendAsync(client().request("/api/cpu?iterations=" + Limits.MAX_ITERATIONS).build());
		List<List<LoopSnapshot>> samples = new ArrayList<>();
		while (!working.isDone()) {
			samples.add(this.monitor.loops(StackSample.take()));
			pause(50);
		}
		Answer answer = working.join();
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		String busy = answer.json().get("trace").get("startThread").asString();
		assertThat(samples).as("the loop caught in its callback").anySatisfy((sample) -> {
			assertThat(loop(sample, busy).state()).isEqualTo("running");
			assertThat(loop(sample, busy).lagMs().now()).isGreaterThanOrEqualTo(100);
		});
		// A turn of the monitor during the work or just after it saw the loop on the CPU
		// more than any idle loop. Not a figure: on a machine shared with forty runnable
		// threads the loop gets a few percent of a core, on a quiet one nearly all of it.
		for (int i = 0; i < 12; i++) {
			pause(100);
			samples.add(this.monitor.loops(StackSample.take()));
		}
		assertThat(samples).as("the working loop above every idle one").anySatisfy((sample) -> {
			double share = loop(sample, busy).utilization();
			assertThat(share).isPositive();
			assertThat(sample).filteredOn((loop) -> !loop.thread().equals(busy))
				.allSatisfy((idle) -> assertThat(idle.utilization()).as(idle.toString()).isLessThan(share));
		});
	}

	private static LoopSnapshot loop(List<LoopSnapshot> sample, String thread) {
		return sample.stream()
			.filter((loop) -> loop.thread().equals(thread))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no loop " + thread + " in " + sample));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
