package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AppJarsTests {

	private static final Instant BUILT = Instant.parse("2026-06-01T12:00:00Z");

	@TempDir
	Path root;

	@Test
	void jarBuiltAfterEverySourceIsCurrent() throws IOException {
		Path jar = jar();
		source("reactive-app/src/main/java/App.java", BUILT.minusSeconds(60));
		source("shared-domain/src/main/java/Limits.java", BUILT.minusSeconds(60));
		assertThat(AppJars.problem(jar, "reactive-app")).isEmpty();
	}

	@Test
	void missingJarIsAProblemThatSaysWhatToRun() {
		assertThat(AppJars.problem(this.root.resolve("reactive-app/target/app.jar"), "reactive-app"))
			.hasValueSatisfying(
					(why) -> assertThat(why).contains("missing", "./mvnw -pl reactive-app -am package -DskipTests"));
	}

	@Test
	void jarOlderThanASourceOfItsModuleOrOfSharedDomainIsStale() throws IOException {
		Path jar = jar();
		Path changed = source("shared-domain/src/main/java/Limits.java", BUILT.plusSeconds(1));
		assertThat(AppJars.problem(jar, "reactive-app"))
			.hasValueSatisfying((why) -> assertThat(why).contains("older than", changed.toString()));
		Files.setLastModifiedTime(changed, FileTime.from(BUILT.minusSeconds(1)));
		Path own = source("reactive-app/src/main/resources/application.properties", BUILT.plusSeconds(1));
		assertThat(AppJars.problem(jar, "reactive-app"))
			.hasValueSatisfying((why) -> assertThat(why).contains(own.toString()));
		// Another app's sources are not this jar's.
		Files.setLastModifiedTime(own, FileTime.from(BUILT.minusSeconds(1)));
		source("blocking-app/src/main/java/Other.java", BUILT.plusSeconds(1));
		assertThat(AppJars.problem(jar, "reactive-app")).isEmpty();
	}

	private Path jar() throws IOException {
		return source("reactive-app/target/reactive-app.jar", BUILT);
	}

	private Path source(String path, Instant modified) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, path);
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

}
