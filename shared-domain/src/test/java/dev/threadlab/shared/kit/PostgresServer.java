package dev.threadlab.shared.kit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The PostgreSQL server the {@code postgres} profile's tests run against, at the
 * profile's default address. Without one those tests are skipped, with a message that
 * says how to get one; on CI ({@code CI=true}), where {@code .ci/run} starts one, its
 * absence fails them instead of hiding them.
 */
public final class PostgresServer {

	/** The profile's default host: only loopback. */
	public static final String HOST = "127.0.0.1";

	/** The profile's default port. */
	public static final int PORT = 5432;

	private PostgresServer() {
	}

	/**
	 * Skips the calling test class (fails it on CI) unless a server answers.
	 */
	public static void assumeRunning() {
		if (answers()) {
			return;
		}
		String message = "No PostgreSQL server answers at " + HOST + ":" + PORT
				+ ": the postgres profile is not tested. To test it: apt-get install postgresql; "
				+ "pg_ctlcluster 15 main start; and the role and database threadlab (password threadlab), "
				+ "as .ci/run creates them";
		if ("true".equals(System.getenv("CI"))) {
			fail(message);
		}
		assumeTrue(false, message);
	}

	private static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, PORT), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
