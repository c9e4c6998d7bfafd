package dev.threadlab.shared.contract;

import org.jspecify.annotations.Nullable;

/**
 * The database connection pool at one moment: HikariCP on blocking-app, the R2DBC pool on
 * reactive-app. With {@code holdConnection=true} a delay holds a connection, and this is
 * where the pool shows up as the limit.
 *
 * @param name the pool, {@code hikari} or {@code r2dbc}
 * @param active connections lent out now
 * @param idle connections waiting in the pool
 * @param pending callers waiting for a connection
 * @param max the most connections the pool opens: the pool's size,
 * {@code lab.db.pool-size}
 * @param database the database behind the pool, {@code h2} or {@code postgresql}
 * @param address where the database server answers, {@code host:port}; {@code null} for
 * H2, which runs in the app's own process
 */
public record DbPoolSnapshot(String name, int active, int idle, int pending, int max, String database,
		@Nullable String address) {
}
