package dev.threadlab.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * The apps' jars that the browser and bench tests start. The dashboard's pom depends on
 * both apps, so {@code ./mvnw verify} packages them before these tests run, and passes
 * their paths as {@code threadlab.blocking-jar} and {@code threadlab.reactive-jar}. A
 * test run that did not package them (say {@code -pl dashboard -am test}) may find a jar
 * left by an older build: running it would test code that is no longer there, so it fails
 * here, saying what to run, instead.
 */
public final class AppJars {

	private AppJars() {
	}

	/**
	 * The blocking app's jar, built from its current sources.
	 * @return its path
	 */
	public static Path blocking() {
		return current("threadlab.blocking-jar", "blocking-app");
	}

	/**
	 * The reactive app's jar, built from its current sources.
	 * @return its path
	 */
	public static Path reactive() {
		return current("threadlab.reactive-jar", "reactive-app");
	}

	/**
	 * What is wrong with a jar, if anything: missing, or older than a source it is built
	 * from (the module's and shared-domain's {@code src/main} and poms).
	 * @param jar the jar
	 * @param module the module that builds it
	 * @return why it cannot be used, or empty
	 */
	static Optional<String> problem(Path jar, String module) {
		if (!Files.isRegularFile(jar)) {
			return Optional.of(module + "'s jar is missing at " + jar + ": " + remedy(module));
		}
		FileTime built = lastModified(jar);
		// The jar sits in <root>/<module>/target; a jar from elsewhere has no sources
		// here.
		Path target = jar.getParent();
		Path root = (target != null && target.getParent() != null) ? target.getParent().getParent() : null;
		if (root == null) {
			return Optional.empty();
		}
		List<Path> sources = new ArrayList<>();
		for (Path dir : List.of(root.resolve(module), root.resolve("shared-domain"))) {
			sources.add(dir.resolve("pom.xml"));
			sources.add(dir.resolve("src").resolve("main"));
		}
		sources.add(root.resolve("pom.xml"));
		Optional<Path> newer = sources.stream()
			.filter(Files::exists)
			.flatMap(AppJars::files)
			.filter((source) -> lastModified(source).compareTo(built) > 0)
			.findFirst();
		return newer.map((source) -> module + "'s jar at " + jar + " is older than " + source + ": " + remedy(module));
	}

	private static Path current(String property, String module) {
		String value = System.getProperty(property);
		if (value == null) {
			fail("No " + property + " system property: run these tests through Maven (" + remedy(module) + ")");
		}
		Path jar = Path.of(value).toAbsolutePath().normalize();
		problem(jar, module).ifPresent((why) -> fail(why));
		return jar;
	}

	private static String remedy(String module) {
		return "run ./mvnw verify from the root, or ./mvnw -pl " + module + " -am package -DskipTests first";
	}

	private static Stream<Path> files(Path path) {
		try {
			if (Files.isRegularFile(path)) {
				return Stream.of(path);
			}
			try (Stream<Path> walk = Files.walk(path)) {
				return walk.filter(Files::isRegularFile).toList().stream();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static FileTime lastModified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
