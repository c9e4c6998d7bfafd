package dev.threadlab.blocking.items;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.limits.LabException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The items table through {@link JdbcClient}, on H2 or PostgreSQL ({@link Database} holds
 * the difference). On H2 a database delay is a sleep of the calling thread before the
 * query, the way a slow database parks a JDBC caller; it holds no pooled connection
 * unless asked to ({@code holdConnection=true}), and then the pool becomes the limit. On
 * PostgreSQL the delay is {@code pg_sleep} in the query's own statement: the thread waits
 * in a socket read, and the connection is held for the whole delay whatever
 * {@code holdConnection} says, as a slow query holds it. Held, the statement then also
 * runs in a transaction, which changes nothing measurable. Public because
 * {@code /api/mixed} reads item 1 too.
 */
@Repository
public class ItemRepository {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Database database;

	ItemRepository(JdbcClient jdbc, TransactionTemplate transactions, DataSource dataSource) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.database = database(dataSource);
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
				() -> statement(this.database.findItem(delayMs), delayMs).param("id", id)
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
				() -> statement(this.database.findPage(delayMs), delayMs).param("limit", limit)
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
		// The insert answers the stored row (id, creation time) in the same statement.
		return afterDelay(delayMs, holdConnection,
				() -> statement(this.database.insertItem(delayMs), delayMs).param("name", name)
					.query(ItemRepository::item)
					.single());
	}

	/** A statement with the parameters of the database's share of the delay bound. */
	private StatementSpec statement(String sql, int delayMs) {
		return this.jdbc.sql(sql).params(this.database.delayParams(delayMs));
	}

	/**
	 * Runs a query after the app's share of a database delay (all of it on H2, none on
	 * PostgreSQL, where the statement waits on the server). Held, the delay runs inside a
	 * transaction: the transaction manager takes a connection from the pool and binds it
	 * to this thread before the sleep, and the query then runs on that same connection.
	 */
	private <T> T afterDelay(int delayMs, boolean holdConnection, Supplier<T> query) throws InterruptedException {
		int appDelayMs = this.database.appDelayMs(delayMs);
		if (!holdConnection) {
			Thread.sleep(appDelayMs);
			return query.get();
		}
		try {
			T result = this.transactions.execute((status) -> {
				try {
					Thread.sleep(appDelayMs);
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

	private static Database database(DataSource dataSource) {
		try {
			return Database.of(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database the items are in", ex);
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
