package dev.threadlab.blocking.items;

import java.time.Instant;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The mirror of reactive-app's {@code ItemRepositoryTests}: the same names, the same
 * answers, on JDBC.
 */
@JdbcTest
@Import(ItemRepository.class)
class ItemRepositoryTests {

	@Autowired
	private ItemRepository items;

	@Test
	void itemIsReadBackFromTheSeed() throws InterruptedException {
		Item item = this.items.find(7, 0, false);
		assertThat(item.id()).isEqualTo(7);
		assertThat(item.name()).isEqualTo("item-7");
		assertThat(item.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
	}

	@Test
	void unknownItemIsNotFound() {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> this.items.find(Long.MAX_VALUE, 0, false))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.NOT_FOUND));
	}

	@Test
	void pageIsOrderedByIdFromItsOffset() throws InterruptedException {
		assertThat(this.items.page(3, 10, 0, false)).extracting(Item::id).containsExactly(11L, 12L, 13L);
	}

	@Test
	void insertedItemGetsANewIdAndItsCreationTime() throws InterruptedException {
		Instant before = Instant.now().minusSeconds(1);
		Item inserted = this.items.insert("fresh", 0, false);
		Item read = this.items.find(inserted.id(), 0, false);
		assertThat(read).isEqualTo(inserted);
		assertThat(read.id()).isGreaterThan(1000);
		assertThat(read.name()).isEqualTo("fresh");
		assertThat(read.createdAt()).isAfter(before);
	}

	@Test
	void itemIsReadAfterItsDatabaseDelayHeldOrNot() throws InterruptedException {
		for (boolean hold : new boolean[] { false, true }) {
			long start = System.nanoTime();
			assertThat(this.items.find(1, 200, hold).id()).isEqualTo(1);
			assertThat((System.nanoTime() - start) / 1_000_000).as("held: %s", hold).isGreaterThanOrEqualTo(195);
		}
	}

	@Test
	void heldConnectionServesPagesAndInsertsToo() throws InterruptedException {
		assertThat(this.items.page(2, 0, 10, true)).extracting(Item::id).containsExactly(1L, 2L);
		Item held = this.items.insert("held", 10, true);
		assertThat(this.items.find(held.id(), 0, false).name()).isEqualTo("held");
	}

}
