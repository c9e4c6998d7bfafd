package dev.threadlab.shared.loops;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.threadlab.shared.contract.LoopSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor on two stand-in loops: single threads named like Reactor Netty's.
 */
class LoopMonitorTests {

	private final FakeLoop held = new FakeLoop("reactor-http-epoll-1");

	private final FakeLoop idle = new FakeLoop("reactor-http-epoll-2");

	private final LoopMonitor monitor = new LoopMonitor(List.of(this.held, this.idle));

	@AfterEach
	void stop() {
		this.monitor.close();
		this.held.executor.shutdownNow();
		this.idle.executor.shutdownNow();
	}

	@Test
	void aHeldLoopShowsItsLagWhileHeldAndAnIdleOneDoesNot() throws Exception {
		awaitLoops(2);
		CountDownLatch holding = new CountDownLatch(1);
		this.held.execute(() -> {
			holding.countDown();
			sleep(1_500); // the stand-in for a blocking call on the loop
		});
		holding.await();
		sleep(1_000);
		LoopSnapshot heldNow = loop("reactor-http-epoll-1");
		LoopSnapshot idleNow = loop("reactor-http-epoll-2");
		assertThat(heldNow.lagMs().now()).as("held for about a second so far").isGreaterThanOrEqualTo(800);
		assertThat(heldNow.state()).isEqualTo("blocked");
		assertThat(idleNow.lagMs().now()).isLessThan(100);
		// Once free, the probe runs, and the lag is gone from now but kept in max.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (loop("reactor-http-epoll-1").lagMs().now() >= 100 && System.nanoTime() < deadline) {
			sleep(50);
		}
		LoopSnapshot after = loop("reactor-http-epoll-1");
		assertThat(after.lagMs().now()).isLessThan(100);
		assertThat(after.lagMs().max()).isGreaterThanOrEqualTo(1_300);
	}

	@Test
	void probesRunOnEveryLoopAboutFiftyTimesASecond() {
		awaitLoops(2);
		long before = this.monitor.probesFired();
		sleep(1_000);
		long fired = this.monitor.probesFired() - before;
		// Two loops, one probe each 20 ms: 100 a second, fewer on a loaded machine.
		assertThat(fired).isBetween(20L, 110L);
	}

	@Test
	void anIdleLoopIsBusyForNoCpuToSpeakOf() {
		awaitLoops(2);
		sleep(2_500); // two turns: a utilisation needs two CPU readings
		assertThat(loop("reactor-http-epoll-2").utilization()).isBetween(0.0, 0.2);
		assertThat(loop("reactor-http-epoll-2").pool()).isEqualTo("event-loop");
	}

	private void awaitLoops(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.monitor.loops(StackSample.take()).size() < count && System.nanoTime() < deadline) {
			sleep(10);
		}
		assertThat(this.monitor.loops(StackSample.take())).hasSize(count);
	}

	private LoopSnapshot loop(String name) {
		return this.monitor.loops(StackSample.take())
			.stream()
			.filter((loop) -> loop.thread().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A single thread with a timer queue: the shape of an event loop, without I/O. */
	private static final class FakeLoop implements LoopExecutor {

		private final ScheduledThreadPoolExecutor executor;

		FakeLoop(String name) {
			this.executor = new ScheduledThreadPoolExecutor(1, (task) -> new Thread(task, name));
		}

		@Override
		public void execute(Runnable task) {
			this.executor.execute(task);
		}

		@Override
		public void schedule(Runnable task, long delay, TimeUnit unit) {
			this.executor.schedule(task, delay, unit);
		}

		@Override
		public int pendingTasks() {
			return this.executor.getQueue().size();
		}

	}

}
