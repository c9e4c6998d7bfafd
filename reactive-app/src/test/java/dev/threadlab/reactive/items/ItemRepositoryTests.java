package dev.threadlab.reactive.items;

import java.time.Duration;
import java.time.Instant;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.ProblemKind;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.r2dbc.test.autoconfigure.DataR2dbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

@DataR2dbcTest
@Import(ItemRepository.class)
class ItemRepositoryTests {

	@Autowired
	private ItemRepository items;

	@Autowired
	private ConnectionFactory connections;

	@Test
	void itemIsReadBackFromTheSeed() {
		StepVerifier.create(this.items.find(7, 0, false)).assertNext((item) -> {
			assertThat(item.id()).isEqualTo(7);
			assertThat(item.name()).isEqualTo("item-7");
			assertThat(item.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		}).verifyComplete();
	}

	@Test
	void unknownItemIsNotFound() {
		StepVerifier.create(this.items.find(Long.MAX_VALUE, 0, false))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LabException.class,
					(ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.NOT_FOUND)))
			.verify();
	}

	@Test
	void pageIsOrderedByIdFromItsOffset() {
		StepVerifier.create(this.items.page(3, 10, 0, false).map((item) -> item.id()))
			.expectNext(11L, 12L, 13L)
			.verifyComplete();
	}

	@Test
	void insertedItemGetsANewIdAndItsCreationTime() {
		Instant before = Instant.now().minusSeconds(1);
		StepVerifier
			.create(this.items.insert("fresh", 0, false).flatMap((item) -> this.items.find(item.id(), 0, false)))
			.assertNext((item) -> {
				assertThat(item.id()).isGreaterThan(1000);
				assertThat(item.name()).isEqualTo("fresh");
				assertThat(item.createdAt()).isAfter(before);
			})
			.verifyComplete();
	}

	@Test
	void itemIsReadAfterItsDatabaseDelayWithoutHoldingAConnection() {
		ConnectionPool pool = (ConnectionPool) this.connections;
		// Virtual time: the delay is a timer, so five seconds pass at once.
		StepVerifier.withVirtualTime(() -> this.items.find(1, 5_000, false))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(4_999))
			.then(() -> assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero())
			.thenAwait(Duration.ofMillis(1))
			.assertNext((item) -> assertThat(item.id()).isEqualTo(1))
			.verifyComplete();
	}

	@Test
	void heldConnectionIsTakenBeforeTheDelayAndGivenBackAfterTheQuery() {
		ConnectionPool pool = (ConnectionPool) this.connections;
		StepVerifier.withVirtualTime(() -> this.items.find(1, 5_000, true))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(4_999))
			.then(() -> assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isOne())
			.thenAwait(Duration.ofMillis(1))
			.assertNext((item) -> assertThat(item.id()).isEqualTo(1))
			.verifyComplete();
		assertThat(pool.getMetrics().orElseThrow().acquiredSize()).isZero();
	}

	@Test
	void heldConnectionServesPagesAndInsertsToo() {
		StepVerifier.create(this.items.page(2, 0, 10, true).map((item) -> item.id()))
			.expectNext(1L, 2L)
			.verifyComplete();
		StepVerifier.create(this.items.insert("held", 10, true).flatMap((item) -> this.items.find(item.id(), 0, false)))
			.assertNext((item) -> assertThat(item.name()).isEqualTo("held"))
			.verifyComplete();
	}

}
