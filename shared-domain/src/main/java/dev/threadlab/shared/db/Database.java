package dev.threadlab.shared.db;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The database an app runs on, and how a database delay happens there: the one place
 * where H2 and PostgreSQL differ, so that each app's repository reads the same on both.
 * <p>
 * On H2, embedded, a delay is simulated in the app before the query: a sleep of the
 * calling thread on blocking-app, a timer on reactive-app (r2dbc-h2 runs a statement on
 * the subscribing thread, so an H2 {@code SLEEP} would park the event loop). On
 * PostgreSQL the delay is real: {@code pg_sleep} on the server, in the same statement as
 * the query, so the caller waits on its socket as it would for a slow query, and the
 * connection is held for the whole wait. The statements use named parameters
 * ({@code :id}, {@code :limit}, {@code :offset}, {@code :name}, and {@code :delay} in
 * seconds), which {@code JdbcClient} and R2DBC's {@code DatabaseClient} both expand.
 */
public enum Database {

	/** H2, in the app's own process; a delay is simulated around the query. */
	H2("h2", false),

	/** A PostgreSQL server; a delay is {@code pg_sleep} in the query's own statement. */
	POSTGRESQL("postgresql", true);

	private static final String COLUMNS = "id, name, created_at";

	/**
	 * Runs the sleep before the statement reads or writes a row. An uncorrelated
	 * {@code EXISTS} is a one-time filter: PostgreSQL evaluates it once, first, whether
	 * or not a row matches, so an unknown item is a 404 after its delay, as on H2.
	 */
	private static final String SLEEP = "WITH delay AS (SELECT pg_sleep(:delay)) ";

	private static final String AFTER_SLEEP = "EXISTS (SELECT FROM delay)";

	private final String label;

	private final boolean waitsOnServer;

	Database(String label, boolean waitsOnServer) {
		this.label = label;
		this.waitsOnServer = waitsOnServer;
	}

	/**
	 * Which database a JDBC or R2DBC URL, or a driver's product name, names.
	 * @param urlOrProductName such as {@code jdbc:postgresql://127.0.0.1/threadlab},
	 * {@code r2dbc:h2:mem:///threadlab} or {@code PostgreSQL}
	 * @return the database
	 * @throws IllegalArgumentException for any other database
	 */
	public static Database of(String urlOrProductName) {
		String name = urlOrProductName.toLowerCase(Locale.ROOT);
		if (name.startsWith("postgresql") || name.contains(":postgresql:")) {
			return POSTGRESQL;
		}
		if (name.startsWith("h2") || name.contains(":h2:")) {
			return H2;
		}
		throw new IllegalArgumentException("threadlab runs on H2 or PostgreSQL, not on " + urlOrProductName);
	}

	/**
	 * Where a database server answers, from a JDBC or R2DBC URL, so that the dashboard
	 * can say which server a contender waits on.
	 * @param url such as {@code jdbc:postgresql://127.0.0.1:5432/threadlab} or
	 * {@code r2dbc:pool:postgresql://db.example:5433/threadlab?ssl=false}
	 * @return {@code host:port} (PostgreSQL's 5432 where the URL names no port), or
	 * {@code null} for an embedded database or a URL without a host
	 */
	public static @Nullable String address(String url) {
		if (of(url) != POSTGRESQL) {
			return null;
		}
		int start = url.indexOf("//");
		if (start < 0) {
			return null;
		}
		String rest = url.substring(start + 2);
		int end = rest.length();
		for (char stop : new char[] { '/', '?' }) {
			int at = rest.indexOf(stop);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		// R2DBC URLs may carry user:password@ before the host: never show a password.
		String hostPort = rest.substring(rest.lastIndexOf('@', end - 1) + 1, end);
		if (hostPort.isEmpty()) {
			return null;
		}
		boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
		return hasPort ? hostPort : hostPort + ":5432";
	}

	/**
	 * The name {@code /api/threads} gives it.
	 * @return {@code h2} or {@code postgresql}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * How long the app itself waits before it sends a delayed statement: all of the delay
	 * where it is simulated (H2), none where the statement waits on the server.
	 * @param delayMs the request's database delay
	 * @return the app's own wait in milliseconds
	 */
	public int appDelayMs(int delayMs) {
		return this.waitsOnServer ? 0 : delayMs;
	}

	/**
	 * The parameters a delayed statement needs besides its own: {@code :delay} in seconds
	 * where the server waits, none otherwise.
	 * @param delayMs the request's database delay
	 * @return the parameters to bind
	 */
	public Map<String, Object> delayParams(int delayMs) {
		return sleepsInStatement(delayMs) ? Map.of("delay", delayMs / 1000.0) : Map.of();
	}

	/**
	 * One item by {@code :id}, with the database's share of the delay.
	 * @param delayMs the request's database delay
	 * @return the statement
	 */
	public String findItem(int delayMs) {
		if (!sleepsInStatement(delayMs)) {
			return "SELECT " + COLUMNS + " FROM items WHERE id = :id";
		}
		return SLEEP + "SELECT " + COLUMNS + " FROM items WHERE " + AFTER_SLEEP + " AND id = :id";
	}

	/**
	 * A page of items ordered by id ({@code :limit}, {@code :offset}), with the
	 * database's share of the delay.
	 * @param delayMs the request's database delay
	 * @return the statement
	 */
	public String findPage(int delayMs) {
		String page = " ORDER BY id LIMIT :limit OFFSET :offset";
		if (!sleepsInStatement(delayMs)) {
			return "SELECT " + COLUMNS + " FROM items" + page;
		}
		return SLEEP + "SELECT " + COLUMNS + " FROM items WHERE " + AFTER_SLEEP + page;
	}

	/**
	 * Inserts an item named {@code :name} and answers the stored row (id, name, creation
	 * time) in the same statement, with the database's share of the delay.
	 * @param delayMs the request's database delay
	 * @return the statement
	 */
	public String insertItem(int delayMs) {
		if (!this.waitsOnServer) {
			// H2's data change delta table answers the inserted row in the same
			// statement.
			return "SELECT " + COLUMNS + " FROM FINAL TABLE (INSERT INTO items (name) VALUES (:name))";
		}
		if (!sleepsInStatement(delayMs)) {
			return "INSERT INTO items (name) VALUES (:name) RETURNING " + COLUMNS;
		}
		return SLEEP + "INSERT INTO items (name) SELECT :name WHERE " + AFTER_SLEEP + " RETURNING " + COLUMNS;
	}

	private boolean sleepsInStatement(int delayMs) {
		return this.waitsOnServer && delayMs > 0;
	}

}
