package dev.threadlab.shared.loops;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StackSampleTests {

	private static final Pattern SAMPLE_POOL = Pattern.compile("sample-test-pool-x");

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
			StackSample sample = awaitIdle(SAMPLE_POOL, 2);
			assertThat(sample.threads(SAMPLE_POOL)).isEqualTo(2);
			assertThat(sample.busy(SAMPLE_POOL)).as("the one parked in its task, not in getTask").isEqualTo(1);
		}
		finally {
			release.countDown();
			pool.shutdownNow();
			pool.awaitTermination(5, TimeUnit.SECONDS);
		}
	}

	@Test
	void theSamplingThreadIsNotCountedAsBusy() {
		Pattern name = Pattern.compile(Pattern.quote(Thread.currentThread().getName()));
		StackSample sample = StackSample.take();
		assertThat(sample.threads(name)).isPositive();
		assertThat(sample.busy(name)).isZero();
		assertThat(sample.takenIn(name)).isTrue();
	}

	/** The idle thread may still be on its way back to its queue. */
	private static StackSample awaitIdle(Pattern prefix, int threads) throws InterruptedException {
		StackSample sample = StackSample.take();
		for (int i = 0; i < 100 && (sample.threads(prefix) < threads || sample.busy(prefix) > 1); i++) {
			Thread.sleep(20);
			sample = StackSample.take();
		}
		return sample;
	}

}
