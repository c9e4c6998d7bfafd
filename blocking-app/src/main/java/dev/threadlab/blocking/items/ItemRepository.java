package dev.threadlab.blocking.items;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.LabException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The items table through {@link JdbcClient}. A database delay is a sleep of the calling
 * thread before the query, the way a slow database parks a JDBC caller; it holds no
 * pooled connection unless asked to ({@code holdConnection=true}), and then the pool
 * becomes the limit. Public because {@code /api/mixed} reads item 1 too.
 */
@Repository
public class ItemRepository {

	private static final String COLUMNS = "id, name, created_at";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	ItemRepository(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * One item.
	 * @param id the item's id
	 * @param delayMs how long the database takes
	 * @param holdConnection whether the delay holds a pooled connection
	 * @return the item
	 * @throws LabException if no item has the id: the repository decides "no such item",
	 * on both apps
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	public Item find(long id, int delayMs, boolean holdConnection) throws InterruptedException {
		return afterDelay(delayMs, holdConnection,
				() -> this.jdbc.sql("SELECT " + COLUMNS + " FROM items WHERE id = :id")
					.param("id", id)
					.query(ItemRepository::item)
					.optional()
					.orElseThrow(() -> LabException.noSuchItem(id)));
	}

	/**
	 * A page of items ordered by id.
	 * @param limit the page size
	 * @param offset how many items come before the page
	 * @param delayMs how long the database takes
	 * @param holdConnection whether the delay holds a pooled connection
	 * @return the page
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	List<Item> page(int limit, long offset, int delayMs, boolean holdConnection) throws InterruptedException {
		return afterDelay(delayMs, holdConnection,
				() -> this.jdbc.sql("SELECT " + COLUMNS + " FROM items ORDER BY id LIMIT :limit OFFSET :offset")
					.param("limit", limit)
					.param("offset", offset)
					.query(ItemRepository::item)
					.list());
	}

	/**
	 * Inserts an item.
	 * @param name the new item's name, already checked
	 * @param delayMs how long the database takes
	 * @param holdConnection whether the delay holds a pooled connection
	 * @return the item as stored, with its id and creation time
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	Item insert(String name, int delayMs, boolean holdConnection) throws InterruptedException {
		return afterDelay(delayMs, holdConnection, () -> insertRow(name));
	}

	private Item insertRow(String name) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO items (name) VALUES (:name)").param("name", name).update(keys, "id", "created_at");
		Map<String, Object> row = keys.getKeys();
		if (row == null || !(row.get("id") instanceof Number id)
				|| !(row.get("created_at") instanceof OffsetDateTime createdAt)) {
			throw new IllegalStateException("The insert returned no id and creation time: " + row);
		}
		return new Item(id.longValue(), name, createdAt.toInstant());
	}

	/**
	 * Runs a query after a database delay. Held, the delay runs inside a transaction: the
	 * transaction manager takes a connection from the pool and binds it to this thread
	 * before the sleep, and the query then runs on that same connection.
	 */
	private <T> T afterDelay(int delayMs, boolean holdConnection, Supplier<T> query) throws InterruptedException {
		if (!holdConnection) {
			Thread.sleep(delayMs);
			return query.get();
		}
		try {
			T result = this.transactions.execute((status) -> {
				try {
					Thread.sleep(delayMs);
				}
				catch (InterruptedException ex) {
					throw new InterruptedDelay(ex);
				}
				return query.get();
			});
			return Objects.requireNonNull(result);
		}
		catch (InterruptedDelay ex) {
			throw ex.interruption;
		}
	}

	private static Item item(ResultSet row, int rowNum) throws SQLException {
		return new Item(row.getLong("id"), row.getString("name"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	/** Carries an interrupted sleep out of the transaction, which rolls back on it. */
	private static final class InterruptedDelay extends RuntimeException {

		private final InterruptedException interruption;

		InterruptedDelay(InterruptedException interruption) {
			super(null, interruption, false, false);
			this.interruption = interruption;
		}

	}

}
