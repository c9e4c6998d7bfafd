package dev.threadlab.blocking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.threadlab.shared.kit.PostgresServer;
import dev.threadlab.shared.lab.Jdks;
import dev.threadlab.shared.lab.LabProcess;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The third contender on a PostgreSQL server for the integration tests: as
 * {@link VirtualContender}, with the {@code postgres} profile beside {@code virtual}. A
 * holder of its own, so that it starts only for the kits that ask for it. Without a
 * server it is skipped, except on CI ({@link PostgresServer}).
 */
final class VirtualPostgresContender {

	private static @Nullable LabProcess app;

	private VirtualPostgresContender() {
	}

	/**
	 * The running contender's base URL, starting it on first use.
	 * @return such as {@code http://127.0.0.1:43127}
	 */
	static synchronized URI url() {
		if (app == null) {
			app = start();
			LabProcess started = app;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "virtual-postgres-contender-stop"));
		}
		return URI.create(app.url());
	}

	private static LabProcess start() {
		PostgresServer.assumeRunning();
		Optional<Path> java = Jdks.find(21);
		if (java.isEmpty()) {
			if ("true".equals(System.getenv("CI"))) {
				fail("No JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): the virtual-thread contender cannot be tested");
			}
			assumeTrue(false, "No JDK 21+ found: the virtual-thread contender is not tested");
		}
		String jar = System.getProperty("threadlab.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			fail("No packaged jar at " + jar + ": run the integration tests through Maven's verify");
		}
		try {
			Path work = Files.createDirectories(Path.of("target", "virtual-postgres-it"));
			return LabProcess.start("virtual-postgres", java.get(), Path.of(jar), 0, work,
					List.of("--spring.profiles.active=virtual,postgres", "--lab.knobs.enabled=true"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting the virtual contender on PostgreSQL", ex);
		}
	}

}
