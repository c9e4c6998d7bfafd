package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.shared.lab.LabProcess;

/**
 * One contender started from its jar on a free loopback port, so that the benchmark knows
 * its pid (for its resident memory) and stops it before the next one starts.
 */
final class ContenderProcess implements AutoCloseable {

	private final LabApp app;

	private final LabProcess process;

	private ContenderProcess(LabApp app, LabProcess process) {
		this.app = app;
		this.process = process;
	}

	/**
	 * Starts a contender and waits until it is healthy.
	 * @param app the contender (its URL is replaced by the port it gets)
	 * @param java the {@code java} to run it on
	 * @param jar its jar
	 * @param jvmArgs JVM options
	 * @param appArgs application arguments, such as a profile
	 * @param logDir where its log goes
	 * @return the running contender
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	static ContenderProcess start(LabApp app, Path java, Path jar, List<String> jvmArgs, List<String> appArgs,
			Path logDir) throws IOException, InterruptedException {
		// The data folder holds 17 MiB of samples: a temporary folder, not the results.
		Path data = Files.createTempDirectory("threadlab-bench-" + app.name());
		LabProcess process = LabProcess.start(app.name(), java, jar, 0, jvmArgs, appArgs,
				logDir.resolve(app.name() + ".log"), data);
		return new ContenderProcess(new LabApp(app.name(), app.model(), app.description(), URI.create(process.url())),
				process);
	}

	LabApp app() {
		return this.app;
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
	}

}
