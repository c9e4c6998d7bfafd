package dev.threadlab.shared.lab;

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

/**
 * One of the real apps, started from its jar as a child process on a free loopback port
 * with a data folder of its own, and stopped by the test that started it.
 */
public final class LabProcess implements AutoCloseable {

	/**
	 * The JVM options every contender is started with: one fixed heap, so that resident
	 * memory compares threads and connections rather than how lazily each GC grew its
	 * heap, and Native Memory Tracking, so that {@code /api/costs} can tell the threads'
	 * stacks.
	 */
	public static final List<String> FIXED_HEAP = List.of("-Xms512m", "-Xmx512m", "-XX:NativeMemoryTracking=summary");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final String name;

	private final int port;

	private final Path log;

	private final Process process;

	private LabProcess(String name, Path java, Path jar, int port, List<String> jvmArgs, List<String> appArgs, Path log,
			Path data) throws IOException {
		this.name = name;
		this.port = port;
		this.log = log;
		Files.createDirectories(data);
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmArgs);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--lab.files.dir=" + data));
		command.addAll(appArgs);
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
	}

	/**
	 * Starts an app on this JVM's {@code java} and waits until it is healthy.
	 * @param name its name, for the log file
	 * @param jar its executable jar
	 * @param port the port, or 0 for a free one
	 * @param workDir where its log and data folder go
	 * @return the running app
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static LabProcess start(String name, Path jar, int port, Path workDir)
			throws IOException, InterruptedException {
		return start(name, Path.of(System.getProperty("java.home"), "bin", "java"), jar, port, workDir, List.of());
	}

	/**
	 * Starts an app on a given {@code java} with extra arguments and {@link #FIXED_HEAP},
	 * and waits until it is healthy.
	 * @param name its name, for the log file
	 * @param java the {@code java} executable
	 * @param jar its executable jar
	 * @param port the port, or 0 for a free one
	 * @param workDir where its log and data folder go
	 * @param args more application arguments, such as
	 * {@code --spring.profiles.active=virtual}
	 * @return the running app
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static LabProcess start(String name, Path java, Path jar, int port, Path workDir, List<String> args)
			throws IOException, InterruptedException {
		return start(name, java, jar, port, FIXED_HEAP, args, workDir.resolve(name + ".log"),
				workDir.resolve(name + "-data"));
	}

	/**
	 * Starts an app with every option spelled out and waits until it is healthy.
	 * @param name its name, for messages
	 * @param java the {@code java} executable
	 * @param jar its executable jar
	 * @param port the port, or 0 for a free one
	 * @param jvmArgs JVM options, such as {@code -Xmx1g}
	 * @param appArgs application arguments
	 * @param log the file its output is appended to
	 * @param data its data folder ({@code lab.files.dir})
	 * @return the running app
	 * @throws IOException when it cannot be started
	 * @throws InterruptedException when interrupted while waiting
	 */
	public static LabProcess start(String name, Path java, Path jar, int port, List<String> jvmArgs,
			List<String> appArgs, Path log, Path data) throws IOException, InterruptedException {
		LabProcess app = new LabProcess(name, java, jar, (port != 0) ? port : freePort(), jvmArgs, appArgs, log, data);
		try {
			app.awaitHealthy();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			app.close();
			throw ex;
		}
		return app;
	}

	/**
	 * The app's base URL.
	 * @return such as {@code http://127.0.0.1:43127}
	 */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * The app's port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The app's process id, for reading its memory from outside.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
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

	/**
	 * The last lines of the app's log, for a failure message.
	 * @return up to 30 lines
	 * @throws IOException when the log cannot be read
	 */
	public String tail() throws IOException {
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
