package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dev.threadlab.shared.lab.LabProcess;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a browser test class watches: blocking-app and reactive-app started from their
 * jars on this machine, and one headless Chromium. Without Chromium the class is skipped,
 * except under {@code CI=true}, where {@code .ci/run} installs it and its absence is a
 * failure.
 */
final class BrowserLab implements AutoCloseable {

	private final LabProcess blocking;

	private final LabProcess reactive;

	private final Browser browser;

	private BrowserLab(LabProcess blocking, LabProcess reactive, Browser browser) {
		this.blocking = blocking;
		this.reactive = reactive;
		this.browser = browser;
	}

	/**
	 * Starts both apps and the browser.
	 * @param name names the apps' working folder
	 * @return the running lab
	 * @throws IOException when the folder cannot be made or an app not started
	 * @throws InterruptedException when interrupted while an app starts
	 */
	static BrowserLab start(String name) throws IOException, InterruptedException {
		boolean present = Browser.available();
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("no Chromium at " + Browser.CHROMIUM);
		}
		assumeTrue(present, "no Chromium at " + Browser.CHROMIUM);
		Path blockingJar = AppJars.blocking();
		Path reactiveJar = AppJars.reactive();
		Path workDir = Files.createTempDirectory(name);
		// With its knobs on, as run.sh starts it, so that a race can run rounds on
		// several
		// Tomcat thread counts.
		LabProcess blocking = LabProcess.start("blocking", Path.of(System.getProperty("java.home"), "bin", "java"),
				blockingJar, 0, workDir, List.of("--lab.knobs.enabled=true"));
		LabProcess reactive = LabProcess.start("reactive", reactiveJar, 0, workDir);
		return new BrowserLab(blocking, reactive, Browser.launch());
	}

	/**
	 * Points the dashboard under test at the lab's two apps, once the lab has started.
	 * @param registry the test's dynamic properties
	 * @param lab the lab, read when the dashboard starts
	 */
	static void register(DynamicPropertyRegistry registry, Supplier<BrowserLab> lab) {
		registry.add("lab.blocking-url", () -> lab.get().blocking.url());
		registry.add("lab.reactive-url", () -> lab.get().reactive.url());
		registry.add("lab.apps", () -> "blocking,reactive");
	}

	Browser browser() {
		return this.browser;
	}

	@Override
	public void close() {
		this.browser.close();
		this.reactive.close();
		this.blocking.close();
	}

}
