package dev.threadlab.blocking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.threadlab.shared.lab.Jdks;
import dev.threadlab.shared.lab.LabProcess;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The third contender for the integration tests: this module's packaged jar, run with the
 * {@code virtual} profile on a JDK 21+ found beside the build's JDK. One process serves
 * every test kit of the failsafe run (each kit's {@code *IT} class asks for it in its
 * {@code @BeforeAll}), so the kits cost one JVM start, not one each; it stops with the
 * test JVM. Under {@code CI=true} a missing JDK 21 fails the build instead of hiding the
 * contender.
 */
final class VirtualContender {

	private static @Nullable LabProcess app;

	private VirtualContender() {
	}

	/**
	 * The running contender's base URL, starting it on first use.
	 * @return such as {@code http://127.0.0.1:43127}
	 */
	static synchronized URI url() {
		if (app == null) {
			app = start();
			LabProcess started = app;
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "virtual-contender-stop"));
		}
		return URI.create(app.url());
	}

	private static LabProcess start() {
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
			Path work = Files.createDirectories(Path.of("target", "virtual-it"));
			return LabProcess.start("virtual", java.get(), Path.of(jar), 0, work,
					List.of("--spring.profiles.active=virtual", "--lab.knobs.enabled=true"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting the virtual contender", ex);
		}
	}

}
