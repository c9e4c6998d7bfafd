package dev.threadlab.reactive.items;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

import dev.threadlab.shared.contract.Item;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The items table through R2DBC. A database delay is injected here, at the data-access
 * boundary: a timer before the query, so no thread and no pooled connection waits. Public
 * because {@code /api/mixed} reads item 1 through it too.
 */
@Repository
public class ItemRepository {

	private static final String COLUMNS = "id, name, created_at";

	private final DatabaseClient db;

	ItemRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * One item, after a delay.
	 * @param id the item's id
	 * @param delayMs how long to wait before the query
	 * @return the item, or empty if no item has the id
	 */
	public Mono<Item> findById(long id, int delayMs) {
		Mono<Item> query = this.db.sql("SELECT " + COLUMNS + " FROM items WHERE id = :id")
			.bind("id", id)
			.map(ItemRepository::item)
			.one();
		return afterDelay(delayMs).then(query);
	}

	/**
	 * A page of items ordered by id, after a delay.
	 * @param limit the page size
	 * @param offset how many items come before the page
	 * @param delayMs how long to wait before the query
	 * @return the page
	 */
	public Flux<Item> findPage(int limit, long offset, int delayMs) {
		Flux<Item> query = this.db.sql("SELECT " + COLUMNS + " FROM items ORDER BY id LIMIT :limit OFFSET :offset")
			.bind("limit", limit)
			.bind("offset", offset)
			.map(ItemRepository::item)
			.all();
		return afterDelay(delayMs).thenMany(query);
	}

	/**
	 * Inserts an item, after a delay.
	 * @param name the new item's name, already checked
	 * @param delayMs how long to wait before the insert
	 * @return the item as stored, with its id and creation time
	 */
	public Mono<Item> insert(String name, int delayMs) {
		// H2's data change delta table answers the inserted row in the same statement.
		Mono<Item> query = this.db
			.sql("SELECT " + COLUMNS + " FROM FINAL TABLE (INSERT INTO items (name) VALUES (:name))")
			.bind("name", name)
			.map(ItemRepository::item)
			.one();
		return afterDelay(delayMs).then(query);
	}

	/**
	 * The wait before a query: a timer on Reactor's parallel scheduler, not a sleep. The
	 * query that follows is lazy, so it takes a pooled connection only once the timer has
	 * fired. (r2dbc-h2 runs a query on the subscribing thread, which is why the delay is
	 * never an H2 {@code SLEEP} alias: that would park the event loop.)
	 */
	private static Mono<Void> afterDelay(int delayMs) {
		return (delayMs > 0) ? Mono.delay(Duration.ofMillis(delayMs)).then() : Mono.empty();
	}

	private static Item item(Readable row) {
		OffsetDateTime createdAt = Objects.requireNonNull(row.get("created_at", OffsetDateTime.class));
		return new Item(Objects.requireNonNull(row.get("id", Long.class)),
				Objects.requireNonNull(row.get("name", String.class)), createdAt.toInstant());
	}

}
