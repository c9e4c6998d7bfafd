package dev.threadlab.dashboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.threadlab.dashboard.lab.LabApp;

/**
 * One contender started from its jar on a free loopback port, so that the benchmark knows
 * its pid (for its resident memory) and stops it before the next one starts.
 */
final class ContenderProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final LabApp app;

	private final Process process;

	private final Path log;

	private ContenderProcess(LabApp app, Process process, Path log) {
		this.app = app;
		this.process = process;
		this.log = log;
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
		int port = freePort();
		Path data = Files.createTempDirectory("threadlab-bench-" + app.name());
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmArgs);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--lab.files.dir=" + data));
		command.addAll(appArgs);
		Path log = logDir.resolve(app.name() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		LabApp running = new LabApp(app.name(), app.model(), app.description(), URI.create("http://127.0.0.1:" + port));
		ContenderProcess contender = new ContenderProcess(running, process, log);
		try {
			contender.awaitHealthy();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			contender.close();
			throw ex;
		}
		return contender;
	}

	LabApp app() {
		return this.app;
	}

	long pid() {
		return this.process.pid();
	}

	private void awaitHealthy() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(this.app.resolve("/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.app.name() + " exited with " + this.process.exitValue() + "; see " + this.log);
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("UP")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.app.name() + " not healthy after " + START_TIMEOUT + "; see " + this.log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
