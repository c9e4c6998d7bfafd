package dev.threadlab.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One of the real apps, started from its jar as a child process on a free port with a
 * data folder of its own, and stopped by the test that started it.
 */
final class LabProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private LabProcess(String name, Path jar, int port, Path workDir) throws IOException {
		this.name = name;
		this.port = port;
		this.log = workDir.resolve(name + ".log");
		Path data = Files.createDirectories(workDir.resolve(name + "-data"));
		// The JVM reads classes from the jar as it goes: run a copy, so a rebuild of the
		// app
		// while the tests run cannot pull classes from under it.
		Path copy = Files.copy(jar, workDir.resolve(name + ".jar"), StandardCopyOption.REPLACE_EXISTING);
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx512m", "-jar", copy.toString(), "--server.port=" + port, "--lab.files.dir=" + data));
		this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(this.log.toFile()).start();
	}

	/**
	 * Starts an app and waits until it is healthy.
	 * @param name its name, for the log file
	 * @param jar its executable jar
	 * @param port the port, or 0 for a free one
	 * @param workDir where its log and data folder go
	 * @return the running app
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	static LabProcess start(String name, Path jar, int port, Path workDir) throws IOException, InterruptedException {
		LabProcess app = new LabProcess(name, jar, (port != 0) ? port : freePort(), workDir);
		try {
			app.awaitHealthy();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			app.close();
			throw ex;
		}
		return app;
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	private void awaitHealthy() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create(url() + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited with " + this.process.exitValue() + ":\n" + tail());
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
		throw new IllegalStateException(this.name + " not healthy after " + START_TIMEOUT + ":\n" + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
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
			if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
