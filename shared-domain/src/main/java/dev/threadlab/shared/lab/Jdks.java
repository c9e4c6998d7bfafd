package dev.threadlab.shared.lab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JDK of at least some version the way {@code run.sh} does: {@code JAVA_HOME},
 * then {@code java} on the {@code PATH}, then the JDKs under {@code /usr/lib/jvm}. The
 * build may run on 17 while the virtual-thread contender needs 21.
 */
public final class Jdks {

	private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");

	private Jdks() {
	}

	/**
	 * The first {@code java} executable of at least a feature version.
	 * @param feature the least feature version, such as 21
	 * @return its path, or empty when none is found
	 */
	public static Optional<Path> find(int feature) {
		List<Path> candidates = new ArrayList<>();
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			candidates.add(Path.of(javaHome, "bin", "java"));
		}
		candidates.add(Path.of(System.getProperty("java.home"), "bin", "java"));
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(java.io.File.pathSeparator)) {
				if (!dir.isBlank()) {
					candidates.add(Path.of(dir, "java"));
				}
			}
		}
		Path jvms = Path.of("/usr/lib/jvm");
		if (Files.isDirectory(jvms)) {
			try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
				dirs.forEach((dir) -> candidates.add(dir.resolve("bin").resolve("java")));
			}
			catch (IOException ex) {
				// nothing more to look at
			}
		}
		return candidates.stream().filter(Files::isExecutable).filter((java) -> featureOf(java) >= feature).findFirst();
	}

	/**
	 * The feature version a {@code java} executable reports.
	 * @param java the executable
	 * @return the version, or 0 when it cannot be told
	 */
	static int featureOf(Path java) {
		try {
			Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return 0;
			}
			Matcher matcher = VERSION.matcher(out);
			if (!matcher.find()) {
				return 0;
			}
			int major = Integer.parseInt(matcher.group(1));
			return (major == 1) ? 8 : major;
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

}
