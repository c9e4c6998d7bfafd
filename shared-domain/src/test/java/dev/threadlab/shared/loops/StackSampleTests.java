package dev.threadlab.shared.loops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackSampleTests {

	@Test
	void aPoolThreadWaitingForATaskIsIdleAndOneRunningATaskIsBusy() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(3, (task) -> new Thread(task, "sample-test-pool-x"));
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try {
			pool.submit(() -> {
				running.countDown();
				release.await();
				return null;
			});
			pool.submit(() -> null).get(); // a second thread, now idle
			running.await();
			StackSample sample = awaitIdle("sample-test-pool-", 2);
			assertThat(sample.threads("sample-test-pool-")).isEqualTo(2);
			assertThat(sample.busy("sample-test-pool-")).as("the one parked in its task, not in getTask").isEqualTo(1);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void theSamplingThreadIsNotCountedAsBusy() {
		String name = Thread.currentThread().getName();
		StackSample sample = StackSample.take();
		assertThat(sample.threads(name)).isPositive();
		assertThat(sample.busy(name)).isZero();
		assertThat(sample.takenIn(name)).isTrue();
	}

	/** The idle thread may still be on its way back to its queue. */
	private static StackSample awaitIdle(String prefix, int threads) throws InterruptedException {
		StackSample sample = StackSample.take();
		for (int i = 0; i < 100 && (sample.threads(prefix) < threads || sample.busy(prefix) > 1); i++) {
			Thread.sleep(20);
			sample = StackSample.take();
		}
		return sample;
	}

}
