package dev.threadlab.shared.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DataFolderTests {

	@TempDir
	Path dir;

	@Test
	void prepareCreatesTheSamplesOnceAndRemovesLeftoverUploads() throws IOException {
		DataFolder folder = new DataFolder(this.dir.resolve("data"));
		folder.prepare();
		assertThat(folder.list()).containsExactly(new FileEntry("sample-16m.bin", 16 * 1024 * 1024),
				new FileEntry("sample-1m.bin", 1024 * 1024), new FileEntry("sample-4k.txt", 4096));
		Files.writeString(folder.dir().resolve("sample-4k.txt"), "replaced");
		Path leftover = folder.newTempFile();
		folder.prepare();
		assertThat(Files.readString(folder.dir().resolve("sample-4k.txt"))).isEqualTo("replaced");
		assertThat(leftover).doesNotExist();
	}

	@Test
	void samplesAreTheSameBytesEverywhere() throws IOException {
		DataFolder folder = new DataFolder(this.dir);
		folder.prepare();
		assertThat(Files.readString(this.dir.resolve("sample-4k.txt")))
			.startsWith("threadlab sample line 0001: the quick brown fox waits for I/O\n");
		java.security.MessageDigest digest = Sha256.newDigest();
		digest.update(Files.readAllBytes(this.dir.resolve("sample-1m.bin")));
		assertThat(Sha256.hex(digest)).hasSize(64);
		DataFolder other = new DataFolder(this.dir.resolve("other"));
		other.prepare();
		assertThat(Files.mismatch(this.dir.resolve("sample-1m.bin"), other.dir().resolve("sample-1m.bin")))
			.isEqualTo(-1);
	}

	@Test
	void temporaryUploadsAreNeitherListedNorAddressable() throws IOException {
		DataFolder folder = new DataFolder(this.dir);
		Path temp = folder.newTempFile();
		assertThat(folder.list()).isEmpty();
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> folder.resolve(temp.getFileName().toString()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_FILE_NAME));
	}

	@Test
	void commitMovesInOneStepAndTellsNewFromReplaced() throws IOException {
		DataFolder folder = new DataFolder(this.dir);
		Path target = folder.resolve("a.bin");
		Path first = folder.newTempFile();
		Files.writeString(first, "one");
		assertThat(folder.commit(first, target)).isTrue();
		Path second = folder.newTempFile();
		Files.writeString(second, "two");
		assertThat(folder.commit(second, target)).isFalse();
		assertThat(Files.readString(target)).isEqualTo("two");
		assertThat(first).doesNotExist();
		assertThat(second).doesNotExist();
	}

	@Test
	void linksAndFoldersAreNotFiles() throws IOException {
		Path outside = Files.writeString(this.dir.resolve("outside.txt"), "secret");
		Path data = Files.createDirectories(this.dir.resolve("data"));
		Files.createSymbolicLink(data.resolve("link.txt"), outside);
		Files.createDirectories(data.resolve("folder"));
		DataFolder folder = new DataFolder(data);
		assertThat(folder.list()).isEmpty();
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> folder.existing("link.txt"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.NOT_FOUND));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> folder.existing("folder"));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> folder.existing(".."))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_FILE_NAME));
	}

}
