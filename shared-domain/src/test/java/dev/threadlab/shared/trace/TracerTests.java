package dev.threadlab.shared.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.threadlab.shared.contract.ActivityEntry;
import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TracerTests {

	@Test
	void traceCarriesCountersThreadsAndTheCallersId() {
		Tracer tracer = new Tracer(Contender.REACTIVE, 10);
		RequestTrace first = tracer.begin("caller-1");
		RequestTrace second = tracer.begin("not valid!");
		assertThat(tracer.inFlight()).isEqualTo(2);
		Trace secondTrace = second.finish();
		Trace firstTrace = first.finish();
		assertThat(firstTrace.requestId()).isEqualTo("caller-1");
		assertThat(secondTrace.requestId()).hasSize(36).isNotEqualTo("not valid!");
		assertThat(firstTrace.arrival()).isEqualTo(1);
		assertThat(secondTrace.arrival()).isEqualTo(2);
		assertThat(secondTrace.completion()).isEqualTo(1);
		assertThat(firstTrace.completion()).isEqualTo(2);
		assertThat(firstTrace.app()).isEqualTo("reactive");
		assertThat(firstTrace.model()).isEqualTo("event-loop");
		assertThat(firstTrace.startThread()).isEqualTo(Thread.currentThread().getName());
		assertThat(firstTrace.completedAt()).isAfterOrEqualTo(firstTrace.receivedAt());
		assertThat(first.finish()).isSameAs(firstTrace);
	}

	@Test
	void endRecordsTheRequestAndFinishesAnUnfinishedTrace() {
		Tracer tracer = new Tracer(Contender.BLOCKING, 10);
		RequestTrace trace = tracer.begin(null);
		tracer.end(trace, "GET", "/api/nothing", 404);
		ActivityPage page = tracer.activity(0, 10);
		assertThat(page.items()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(404);
			assertThat(entry.path()).isEqualTo("/api/nothing");
			assertThat(entry.completion()).isEqualTo(1);
		});
		assertThat(page.next()).isEqualTo(1);
		assertThat(tracer.inFlight()).isZero();
	}

	@Test
	void ringKeepsTheLastEntriesAndPagesOnFromNext() {
		Tracer tracer = new Tracer(Contender.BLOCKING, 5);
		for (int i = 0; i < 8; i++) {
			tracer.end(tracer.begin(null), "GET", "/api/items/" + i, 200);
		}
		ActivityPage all = tracer.activity(0, 100);
		assertThat(all.items()).extracting(ActivityEntry::seq).containsExactly(4L, 5L, 6L, 7L, 8L);
		ActivityPage firstTwo = tracer.activity(0, 2);
		assertThat(firstTwo.items()).extracting(ActivityEntry::seq).containsExactly(4L, 5L);
		assertThat(tracer.activity(firstTwo.next(), 100).items()).extracting(ActivityEntry::seq)
			.containsExactly(6L, 7L, 8L);
		assertThat(tracer.activity(8, 100).items()).isEmpty();
		assertThat(tracer.activity(8, 100).next()).isEqualTo(8);
	}

	@Test
	void callerAheadOfTheRingStartsOverAfterARestart() {
		Tracer tracer = new Tracer(Contender.BLOCKING, 5);
		tracer.end(tracer.begin(null), "GET", "/", 404);
		assertThat(tracer.activity(1000, 10).items()).hasSize(1);
	}

	@Test
	void offTraceIsOneSharedInstanceThatFinishesAsNoTrace() {
		assertThat(RequestTrace.off()).isSameAs(RequestTrace.off());
		assertThat(RequestTrace.off().finish()).isNull();
		assertThat(RequestTrace.off().finish()).isNull();
	}

	@Test
	void offTraceIsNeverRecordedNorCounted() {
		Tracer tracer = new Tracer(Contender.BLOCKING, 5);
		assertThatIllegalArgumentException().isThrownBy(() -> tracer.end(RequestTrace.off(), "GET", "/", 200));
		assertThat(tracer.activity(0, 10).items()).isEmpty();
		assertThat(tracer.inFlight()).isZero();
		assertThat(tracer.begin(null).finish()).extracting(Trace::completion).isEqualTo(1L);
	}

	@Test
	void concurrentWritersLoseNoEntryAndReadersSeeNoGap() throws InterruptedException {
		Tracer tracer = new Tracer(Contender.REACTIVE, 100_000);
		int writers = 8;
		int each = 5_000;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		for (int w = 0; w < writers; w++) {
			pool.execute(() -> {
				await(start);
				for (int i = 0; i < each; i++) {
					tracer.end(tracer.begin(null), "GET", "/api/cpu", 200);
				}
			});
		}
		start.countDown();
		List<Long> seen = new ArrayList<>();
		long after = 0;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (seen.size() < writers * each && System.nanoTime() < deadline) {
			ActivityPage page = tracer.activity(after, 700);
			page.items().forEach((entry) -> seen.add(entry.seq()));
			after = page.next();
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(seen).hasSize(writers * each).isSorted().doesNotHaveDuplicates();
		assertThat(tracer.inFlight()).isZero();
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
