package dev.threadlab.reactive.items;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.limits.LabException;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The items table through R2DBC, on H2 or PostgreSQL ({@link Database} holds the
 * difference). On H2 a database delay is injected here, at the data-access boundary: a
 * timer before the query, so no thread waits, and unless the lab asks it to hold one, no
 * pooled connection either. On PostgreSQL the delay is {@code pg_sleep} in the query's
 * own statement: r2dbc-postgresql waits for the answer on a Netty channel, so still no
 * thread waits, but the connection is held for the whole delay whatever
 * {@code holdConnection} says, as a slow query holds it. Held, the statement then also
 * runs in a transaction, which changes nothing measurable. Public because
 * {@code /api/mixed} reads item 1 through it too.
 */
@Repository
public class ItemRepository {

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Database database;

	ItemRepository(DatabaseClient db, ReactiveTransactionManager transactionManager,
			ConnectionFactory connectionFactory) {
		this.db = db;
		this.transactions = TransactionalOperator.create(transactionManager);
		// The driver's metadata ("H2", "PostgreSQL"), known without a connection.
		this.database = Database.of(connectionFactory.getMetadata().getName());
	}

	/**
	 * One item, after a delay.
	 * @param id the item's id
	 * @param delayMs how long to wait before the query
	 * @param holdConnection whether the wait holds a pooled connection
	 * @return the item; a {@link LabException} error if no item has the id: the
	 * repository decides "no such item", on both apps
	 */
	public Mono<Item> find(long id, int delayMs, boolean holdConnection) {
		Mono<Item> query = statement(this.database.findItem(delayMs), delayMs).bind("id", id)
			.map(ItemRepository::item)
			.one()
			.switchIfEmpty(Mono.error(() -> LabException.noSuchItem(id)));
		return afterDelay(delayMs, holdConnection, query);
	}

	/**
	 * A page of items ordered by id, after a delay.
	 * @param limit the page size
	 * @param offset how many items come before the page
	 * @param delayMs how long to wait before the query
	 * @param holdConnection whether the wait holds a pooled connection
	 * @return the page
	 */
	Flux<Item> page(int limit, long offset, int delayMs, boolean holdConnection) {
		Flux<Item> query = statement(this.database.findPage(delayMs), delayMs).bind("limit", limit)
			.bind("offset", offset)
			.map(ItemRepository::item)
			.all();
		Flux<Item> delayed = delay(this.database.appDelayMs(delayMs)).thenMany(query);
		return holdConnection ? this.transactions.transactional(delayed) : delayed;
	}

	/**
	 * Inserts an item, after a delay.
	 * @param name the new item's name, already checked
	 * @param delayMs how long to wait before the insert
	 * @param holdConnection whether the wait holds a pooled connection
	 * @return the item as stored, with its id and creation time
	 */
	Mono<Item> insert(String name, int delayMs, boolean holdConnection) {
		// The insert answers the stored row (id, creation time) in the same statement.
		Mono<Item> query = statement(this.database.insertItem(delayMs), delayMs).bind("name", name)
			.map(ItemRepository::item)
			.one();
		return afterDelay(delayMs, holdConnection, query);
	}

	/** A statement with the parameters of the database's share of the delay bound. */
	private GenericExecuteSpec statement(String sql, int delayMs) {
		return this.db.sql(sql).bindValues(this.database.delayParams(delayMs));
	}

	/**
	 * A query after the app's share of its delay (all of it on H2, none on PostgreSQL,
	 * where the statement waits on the server). By default the query is lazy, so it takes
	 * a pooled connection only once the timer has fired. With {@code holdConnection} both
	 * run in one transaction: the transaction manager takes the connection before the
	 * timer starts and gives it back after the query, on which DatabaseClient finds it
	 * bound, like a slow unit of work holding its connection. The pool's connections then
	 * become the limit, and later requests queue in the pool, still without a thread.
	 */
	private Mono<Item> afterDelay(int delayMs, boolean holdConnection, Mono<Item> query) {
		Mono<Item> delayed = delay(this.database.appDelayMs(delayMs)).then(query);
		return holdConnection ? this.transactions.transactional(delayed) : delayed;
	}

	/**
	 * The wait before a query: a timer on Reactor's parallel scheduler, not a sleep.
	 * (r2dbc-h2 runs a query on the subscribing thread, which is why the delay is never
	 * an H2 {@code SLEEP} alias: that would park the event loop.)
	 */
	private static Mono<Void> delay(int delayMs) {
		return (delayMs > 0) ? Mono.delay(Duration.ofMillis(delayMs)).then() : Mono.empty();
	}

	private static Item item(Readable row) {
		OffsetDateTime createdAt = Objects.requireNonNull(row.get("created_at", OffsetDateTime.class));
		return new Item(Objects.requireNonNull(row.get("id", Long.class)),
				Objects.requireNonNull(row.get("name", String.class)), createdAt.toInstant());
	}

}
