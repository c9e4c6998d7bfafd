package dev.threadlab.blocking.items;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.LabException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The items table through {@link JdbcClient}. A database delay is a sleep of the calling
 * thread before the query, the way a slow database parks a JDBC caller; it holds no
 * pooled connection. Public because {@code /api/mixed} reads item 1 too.
 */
@Repository
public class ItemRepository {

	private static final String COLUMNS = "id, name, created_at";

	private final JdbcClient jdbc;

	ItemRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One item.
	 * @param id the item's id
	 * @param delayMs how long the database takes
	 * @return the item
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	public Item find(long id, int delayMs) throws InterruptedException {
		Thread.sleep(delayMs);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM items WHERE id = :id")
			.param("id", id)
			.query(ItemRepository::item)
			.optional()
			.orElseThrow(() -> LabException.noSuchItem(id));
	}

	List<Item> page(int limit, long offset, int delayMs) throws InterruptedException {
		Thread.sleep(delayMs);
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM items ORDER BY id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset)
			.query(ItemRepository::item)
			.list();
	}

	Item create(String name, int delayMs) throws InterruptedException {
		Thread.sleep(delayMs);
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO items (name) VALUES (:name)").param("name", name).update(keys, "id", "created_at");
		Map<String, Object> row = keys.getKeys();
		if (row == null || !(row.get("id") instanceof Number id)
				|| !(row.get("created_at") instanceof OffsetDateTime createdAt)) {
			throw new IllegalStateException("The insert returned no id and creation time: " + row);
		}
		return new Item(id.longValue(), name, createdAt.toInstant());
	}

	private static Item item(ResultSet row, int rowNum) throws SQLException {
		return new Item(row.getLong("id"), row.getString("name"),
				row.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
