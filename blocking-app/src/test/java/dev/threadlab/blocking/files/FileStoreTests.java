package dev.threadlab.blocking.files;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.files.Sha256;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileStoreTests {

	@TempDir
	Path dir;

	private DataFolder folder;

	private FileStore files;

	@BeforeEach
	void prepare() throws IOException {
		this.folder = new DataFolder(this.dir);
		this.folder.prepare();
		this.files = new FileStore(this.folder);
	}

	@Test
	void describeDigestsTheWholeFile() throws Exception {
		FileInfo file = this.files.describe("sample-1m.bin", 0);
		assertThat(file.bytes()).isEqualTo(1024 * 1024);
		assertThat(file.sha256()).isEqualTo(digest(Files.readAllBytes(this.dir.resolve("sample-1m.bin"))));
	}

	@Test
	void delayIsSpreadOverTheChunksNotAddedPerChunk() throws Exception {
		long start = System.nanoTime();
		this.files.describe("sample-1m.bin", 200); // 16 chunks of 12.5 ms
		long elapsedMs = (System.nanoTime() - start) / 1_000_000;
		assertThat(elapsedMs).isBetween(190L, 2_000L);
	}

	@Test
	void contentIsTheSameBytesAsTheFileHolds() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FileStore.OpenFile file = this.files.open("sample-4k.txt")) {
			assertThat(file.size()).isEqualTo(4096);
			this.files.content(file, 0, out);
		}
		assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(this.dir.resolve("sample-4k.txt")));
	}

	@Test
	void unknownFileIsNotFound() {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> this.files.describe("missing.txt", 0))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.NOT_FOUND));
	}

	@Test
	void uploadIsCreatedThenReplaced() throws Exception {
		byte[] first = randomBytes(200_000);
		FileStore.Written created = this.files.write("upload.bin", 0, first.length, new ByteArrayInputStream(first));
		assertThat(created.created()).isTrue();
		assertThat(created.file()).isEqualTo(new FileInfo("upload.bin", first.length, digest(first)));

		byte[] second = randomBytes(10);
		FileStore.Written replaced = this.files.write("upload.bin", 0, -1, new ByteArrayInputStream(second));
		assertThat(replaced.created()).isFalse();
		assertThat(Files.readAllBytes(this.dir.resolve("upload.bin"))).isEqualTo(second);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void uploadDeclaredTooLargeIsRefusedBeforeAnythingIsWritten() throws IOException {
		List<FileEntry> before = this.folder.list();
		assertThatExceptionOfType(LabException.class)
			.isThrownBy(() -> this.files.write("big.bin", 0, Limits.MAX_UPLOAD_BYTES + 1, failingStream()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE));
		assertThat(this.folder.list()).isEqualTo(before);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void uploadThatTurnsOutTooLargeLeavesNoTemporaryFile() throws IOException {
		List<FileEntry> before = this.folder.list();
		byte[] tooLarge = new byte[(int) Limits.MAX_UPLOAD_BYTES + 1];
		assertThatExceptionOfType(LabException.class)
			.isThrownBy(() -> this.files.write("sample-4k.txt", 0, -1, new ByteArrayInputStream(tooLarge)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE));
		assertThat(this.folder.list()).isEqualTo(before);
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void emptyUploadIsRefusedWhetherItsLengthIsDeclaredOrNot() throws IOException {
		for (long declared : new long[] { 0, -1 }) {
			assertThatExceptionOfType(LabException.class)
				.isThrownBy(() -> this.files.write("empty.txt", 0, declared, InputStream.nullInputStream()))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_BODY));
		}
		assertThat(this.dir.resolve("empty.txt")).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	@Test
	void uploadThatFailsWhileReadingLeavesNoTemporaryFile() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> this.files.write("broken.bin", 0, 1000, failingStream()));
		assertThat(this.dir.resolve("broken.bin")).doesNotExist();
		assertThat(leftovers()).isEmpty();
	}

	private List<Path> leftovers() {
		try (Stream<Path> entries = Files.list(this.dir)) {
			return entries.filter((path) -> path.getFileName().toString().startsWith("~")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InputStream failingStream() {
		return new InputStream() {

			@Override
			public int read() throws IOException {
				throw new IOException("connection reset");
			}

		};
	}

	private static String digest(byte[] bytes) {
		var digest = Sha256.newDigest();
		digest.update(bytes);
		return Sha256.hex(digest);
	}

}
