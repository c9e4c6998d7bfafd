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
 * The third contender for the integration tests: this module's packaged jar, run with the
 * {@code virtual} profile on a JDK 21+ found beside the build's JDK, on H2 or on a
 * PostgreSQL server. Each of the two is one process for every test kit of the failsafe
 * run that asks for it (each kit's {@code *IT} class calls {@link #url()} in its
 * {@code @BeforeAll}), so the kits cost one JVM start, not one each; it stops with the
 * test JVM. Under {@code CI=true} a missing JDK 21 (or PostgreSQL server) fails the build
 * instead of hiding the contender.
 */
final class VirtualContender {

	/** On each app's embedded H2. */
	static final VirtualContender H2 = new VirtualContender("virtual", "virtual", false);

	/** On the PostgreSQL server of the {@code postgres} profile. */
	static final VirtualContender POSTGRES = new VirtualContender("virtual-postgres", "virtual,postgres", true);

	private final String name;

	private final String profiles;

	private final boolean needsPostgres;

	private @Nullable LabProcess app;

	private VirtualContender(String name, String profiles, boolean needsPostgres) {
		this.name = name;
		this.profiles = profiles;
		this.needsPostgres = needsPostgres;
	}

	/**
	 * The running contender's base URL, starting it on first use.
	 * @return such as {@code http://127.0.0.1:43127}
	 */
	synchronized URI url() {
		if (this.app == null) {
			LabProcess started = start();
			this.app = started;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, this.name + "-contender-stop"));
		}
		return URI.create(this.app.url());
	}

	private LabProcess start() {
		if (this.needsPostgres) {
			PostgresServer.assumeRunning();
		}
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
			Path work = Files.createDirectories(Path.of("target", this.name + "-it"));
			return LabProcess.start(this.name, java.get(), Path.of(jar), 0, work,
					List.of("--spring.profiles.active=" + this.profiles, "--lab.knobs.enabled=true"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting the " + this.name + " contender", ex);
		}
	}

}
