package dev.threadlab.blocking;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.Jdks;
import dev.threadlab.shared.kit.LabProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared contract test kit against the third contender: this module's jar, run with
 * the {@code virtual} profile on a JDK 21+ found beside the build's JDK. Under
 * {@code CI=true} a missing JDK 21 fails the build instead of hiding the contender.
 */
class VirtualContractIT extends ContractTestKit {

	private static LabProcess app;

	@BeforeAll
	static void startVirtualContender() throws IOException, InterruptedException {
		Optional<Path> java = Jdks.find(21);
		if (java.isEmpty()) {
			if ("true".equals(System.getenv("CI"))) {
				fail("No JDK 21+ found (JAVA_HOME, PATH, /usr/lib/jvm): the virtual-thread contender cannot be tested");
			}
			assumeTrue(false, "No JDK 21+ found: the virtual-thread contender is not tested");
		}
		Path jar = Path.of(System.getProperty("threadlab.jar"));
		Path work = Files.createDirectories(Path.of("target", "virtual-it"));
		app = LabProcess.start("virtual", java.get(), jar, 0, work, List.of("--spring.profiles.active=virtual"));
	}

	@AfterAll
	static void stopVirtualContender() {
		if (app != null) {
			app.close();
		}
	}

	@Override
	protected URI baseUrl() {
		return URI.create(app.url());
	}

	@Override
	protected Contender contender() {
		return Contender.VIRTUAL;
	}

}
