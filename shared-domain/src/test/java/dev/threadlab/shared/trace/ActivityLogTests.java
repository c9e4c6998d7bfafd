package dev.threadlab.shared.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import dev.threadlab.shared.contract.ActivityEntry;
import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.Trace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ring itself, small enough that its slots are reused many times over: the case a
 * ring of thousands never reaches in a test.
 */
class ActivityLogTests {

	private static final int CAPACITY = 7;

	private final Tracer tracer = new Tracer(Contender.BLOCKING, 1);

	@Test
	void readerThatKeepsUpSeesEverySequenceNumberAcrossManyLaps() {
		ActivityLog log = new ActivityLog(CAPACITY);
		long after = 0;
		for (long seq = 1; seq <= 10 * CAPACITY + 3; seq++) {
			record(log, seq);
			ActivityPage page = log.after(after, 100);
			// Each slot now holds its tenth generation: only the newest entry is new.
			assertThat(page.items()).extracting(ActivityEntry::seq).containsExactly(seq);
			assertThat(page.items().get(0).path()).isEqualTo("/api/items/" + seq);
			assertThat(page.next()).isEqualTo(seq);
			after = page.next();
		}
	}

	@Test
	void oldestEntriesFallOutAndALateReaderResumesAtTheOldestKept() {
		ActivityLog log = new ActivityLog(CAPACITY);
		int written = 5 * CAPACITY + 2; // 37: five laps and two slots into the sixth
		for (long seq = 1; seq <= written; seq++) {
			record(log, seq);
		}
		long oldestKept = written - CAPACITY + 1;
		List<Long> kept = LongStream.rangeClosed(oldestKept, written).boxed().toList();

		assertThat(log.after(0, 100).items()).extracting(ActivityEntry::seq).containsExactlyElementsOf(kept);
		// Fell behind by more than the ring: what it missed is gone, the rest in order.
		ActivityPage late = log.after(3, 100);
		assertThat(late.items()).extracting(ActivityEntry::seq).containsExactlyElementsOf(kept);
		assertThat(late.items()).extracting(ActivityEntry::path)
			.allSatisfy((path) -> assertThat(Long.parseLong(path.substring("/api/items/".length())))
				.isGreaterThanOrEqualTo(oldestKept));
		assertThat(late.next()).isEqualTo(written);
		// Paging in small steps over the wrapped slots still continues without a gap.
		ActivityPage first = log.after(0, 3);
		assertThat(first.items()).extracting(ActivityEntry::seq)
			.containsExactly(oldestKept, oldestKept + 1, oldestKept + 2);
		ActivityPage second = log.after(first.next(), 3);
		assertThat(second.items()).extracting(ActivityEntry::seq)
			.containsExactly(oldestKept + 3, oldestKept + 4, oldestKept + 5);
		assertThat(log.after(second.next(), 3).items()).extracting(ActivityEntry::seq).containsExactly((long) written);
	}

	@Test
	void concurrentWritersLappingTheRingNeverShowAReaderAStaleOrRepeatedEntry() throws InterruptedException {
		ActivityLog log = new ActivityLog(CAPACITY * 10);
		int writers = 4;
		int each = 20_000;
		Tracer counter = new Tracer(Contender.REACTIVE, 1);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		for (int w = 0; w < writers; w++) {
			pool.execute(() -> {
				await(start);
				for (int i = 0; i < each; i++) {
					Trace trace = counter.begin(null).finish();
					log.record(trace, "GET", "/api/cpu", 200);
				}
			});
		}
		start.countDown();
		List<Long> seen = new ArrayList<>();
		long after = 0;
		long total = (long) writers * each;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (after < total && System.nanoTime() < deadline) {
			ActivityPage page = log.after(after, 50);
			List<Long> seqs = page.items().stream().map(ActivityEntry::seq).toList();
			// Within a page: strictly one after another, or a jump only over entries the
			// writers had already overwritten; never back, never a repeat.
			assertThat(seqs).isSorted().doesNotHaveDuplicates();
			if (!seqs.isEmpty()) {
				assertThat(seqs.get(0)).isGreaterThan(after);
				assertThat(page.next()).isGreaterThanOrEqualTo(seqs.get(seqs.size() - 1));
			}
			assertThat(page.next()).isGreaterThanOrEqualTo(after);
			seen.addAll(seqs);
			after = page.next();
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		assertThat(after).as("the reader caught up with every write").isEqualTo(total);
		assertThat(seen).isSorted().doesNotHaveDuplicates();
		assertThat(seen).last().isEqualTo(total);
		// Whatever the reader missed while it fell behind, the ring holds the last lap.
		assertThat(log.after(0, 1000).items()).extracting(ActivityEntry::seq)
			.containsExactlyElementsOf(LongStream.rangeClosed(total - CAPACITY * 10 + 1, total).boxed().toList());
	}

	private void record(ActivityLog log, long seq) {
		Trace trace = this.tracer.begin(null).finish();
		log.record(trace, "GET", "/api/items/" + seq, 200);
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
