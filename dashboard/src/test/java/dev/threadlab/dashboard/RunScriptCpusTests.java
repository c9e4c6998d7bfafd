package dev.threadlab.dashboard;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./run.sh --cpus 1}: the script prints, in its dry run, the very command lines it
 * would start, and each contender started from its line sees one processor and may run on
 * CPU 0 only. Dropping {@code taskset} or {@code -XX:ActiveProcessorCount} from run.sh
 * fails it.
 */
class RunScriptCpusTests {

	private static final List<String> CONTENDERS = List.of("blocking", "reactive", "virtual");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void cpusOneLeavesEveryContenderWithOneAvailableProcessorOnCpuZero() throws Exception {
		Map<String, Integer> ports = freePorts();
		Map<String, List<String>> commands = dryRun(ports, "--cpus", "1");
		assertThat(commands).containsKeys("blocking", "reactive", "dashboard");
		for (String name : CONTENDERS) {
			List<String> command = commands.get(name);
			if (command == null) {
				continue; // no JDK 21+ here: run.sh starts no virtual contender either
			}
			assertThat(command).as(name).startsWith("taskset", "-c", "0").contains("-XX:ActiveProcessorCount=1");
			started(name, command, ports.get(name));
		}
		assertThat(commands.get("dashboard")).as("the dashboard measures them from elsewhere")
			.doesNotContain("-XX:ActiveProcessorCount=1");
	}

	@Test
	void withoutCpusNoContenderIsPinned() throws Exception {
		Map<String, List<String>> commands = dryRun(freePorts());
		assertThat(commands).containsKeys("blocking", "reactive", "dashboard");
		commands.forEach((name, command) -> assertThat(command).as(name)
			.doesNotContain("taskset")
			.noneMatch((arg) -> arg.startsWith("-XX:ActiveProcessorCount")));
	}

	@Test
	void cpusOutsideTheMachineAreRefused() throws Exception {
		for (String cpus : List.of("0", "-1", "two", "100000")) {
			Process process = runScript(freePorts(), "--cpus", cpus);
			String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(cpus).isEqualTo(2);
			assertThat(err).as(cpus).contains("--cpus");
		}
	}

	/** Starts one contender from its command line and checks what it sees. */
	private void started(String name, List<String> command, int port) throws Exception {
		Path log = Files.createTempFile("threadlab-cpus-" + name, ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			JsonNode threads = threadsOf(port, process, log);
			assertThat(threads.get("availableProcessors").asInt()).as(name + " availableProcessors").isEqualTo(1);
			// taskset execs the JVM, so the pid started is the JVM's.
			String status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
			assertThat(status.lines().filter((line) -> line.startsWith("Cpus_allowed_list:")).findFirst())
				.as(name + " may run on CPU 0 only")
				.hasValueSatisfying((line) -> assertThat(line.split(":")[1].strip()).isEqualTo("0"));
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	private JsonNode threadsOf(int port, Process process, Path log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/threads"))
			.timeout(Duration.ofSeconds(10))
			.build();
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("still running; its log:\n%s", Files.readString(log)).isTrue();
			try {
				var response = this.http.send(request, BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return JsonMapper.shared().readTree(response.body());
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("no answer on port " + port + " within 180 s; its log:\n" + Files.readString(log));
	}

	/** run.sh's command lines, by process name, as its dry run prints them. */
	private static Map<String, List<String>> dryRun(Map<String, Integer> ports, String... args) throws Exception {
		Process process = runScript(ports, args);
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("run.sh %s: %s", Arrays.toString(args), err).isZero();
		Map<String, List<String>> commands = new LinkedHashMap<>();
		out.lines()
			.map((line) -> line.split("\t"))
			.forEach((fields) -> commands.put(fields[0], List.of(fields).subList(1, fields.length)));
		return commands;
	}

	private static Process runScript(Map<String, Integer> ports, String... args) throws IOException {
		// The jars run.sh names must be the ones built from these sources.
		Path root = AppJars.blocking().getParent().getParent().getParent();
		AppJars.reactive();
		List<String> command = new ArrayList<>(List.of("bash", root.resolve("run.sh").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
		builder.environment().put("LAB_DRY_RUN", "1");
		ports.forEach(
				(name, port) -> builder.environment().put(name.toUpperCase(Locale.ROOT) + "_PORT", port.toString()));
		return builder.start();
	}

	private static Map<String, Integer> freePorts() throws IOException {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String name : List.of("dashboard", "blocking", "reactive", "virtual")) {
			try (ServerSocket socket = new ServerSocket(0)) {
				ports.put(name, socket.getLocalPort());
			}
		}
		return ports;
	}

}
