package dev.threadlab.reactive.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static dev.threadlab.shared.kit.TestBytes.sha256;
import static dev.threadlab.shared.kit.TestBytes.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

class FileStoreTests {

	private static final DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;

	@TempDir
	private Path dir;

	private DataFolder folder;

	private ExecutorService fileIo;

	private FileStore store;

	@BeforeEach
	void prepare() throws IOException {
		this.folder = new DataFolder(this.dir);
		this.folder.prepare();
		this.fileIo = Executors.newFixedThreadPool(2);
		this.store = new FileStore(this.folder, this.fileIo);
	}

	@AfterEach
	void shutDown() {
		this.fileIo.shutdownNow();
	}

	@Test
	void sampleIsDescribedWithItsSizeAndDigest() throws IOException {
		byte[] bytes = Files.readAllBytes(this.dir.resolve("sample-1m.bin"));
		StepVerifier.create(this.store.describe("sample-1m.bin", 0, buffers)).assertNext((file) -> {
			assertThat(file.bytes()).isEqualTo(bytes.length);
			assertThat(file.sha256()).isEqualTo(sha256(bytes));
		}).verifyComplete();
	}

	@Test
	void contentWaitsItsDelaySpreadOverTheChunks() {
		// 16 chunks of 64 KiB, each held back 1/16 of the delay.
		Duration took = StepVerifier
			.create(this.store.open("sample-1m.bin").flatMapMany((file) -> this.store.content(file, 320, buffers)))
			.thenConsumeWhile((chunk) -> DataBufferUtils.release(chunk) || true)
			.verifyComplete();
		// Held back per chunk instead, the whole delay sixteen times, it would take 5 s.
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void uploadIsCreatedThenReplacedWithTheBytesSent() throws IOException {
		byte[] first = randomBytes(Limits.CHUNK_BYTES * 2 + 7);
		byte[] second = randomBytes(100);
		StepVerifier.create(this.store.write("up.bin", 0, first.length, chunks(first))).assertNext((written) -> {
			assertThat(written.created()).isTrue();
			assertThat(written.file().sha256()).isEqualTo(sha256(first));
		}).verifyComplete();
		StepVerifier.create(this.store.write("up.bin", 10, -1, chunks(second)))
			.assertNext((written) -> assertThat(written.created()).isFalse())
			.verifyComplete();
		assertThat(Files.readAllBytes(this.dir.resolve("up.bin"))).isEqualTo(second);
	}

	@Test
	void uploadThatTurnsOutTooLargeFailsAndLeavesNothingBehind() throws IOException {
		List<String> before = entries();
		Flux<DataBuffer> body = Flux.range(0, 11).map((i) -> buffers.wrap(new byte[1024 * 1024]));
		StepVerifier.create(this.store.write("big.bin", 0, -1, body))
			.verifyErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(LabException.class,
					(lab) -> assertThat(lab.kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE)));
		assertThat(entries()).isEqualTo(before);
	}

	@Test
	void uploadDeclaredTooLargeIsRefusedBeforeAnyFileIsCreated() throws IOException {
		List<String> before = entries();
		StepVerifier.create(this.store.write("big.bin", 0, Limits.MAX_UPLOAD_BYTES + 1, Flux.never()))
			.verifyErrorSatisfies(
					(error) -> assertThat(((LabException) error).kind()).isEqualTo(ProblemKind.PAYLOAD_TOO_LARGE));
		assertThat(entries()).isEqualTo(before);
	}

	@Test
	void emptyUploadFailsAndLeavesNothingBehind() throws IOException {
		List<String> before = entries();
		StepVerifier.create(this.store.write("empty.bin", 0, -1, Flux.empty()))
			.verifyErrorSatisfies(
					(error) -> assertThat(((LabException) error).kind()).isEqualTo(ProblemKind.INVALID_BODY));
		assertThat(entries()).isEqualTo(before);
	}

	@Test
	void listHoldsTheSamples() {
		StepVerifier.create(this.store.list())
			.assertNext((files) -> assertThat(files).extracting(FileEntry::name)
				.containsExactly("sample-16m.bin", "sample-1m.bin", "sample-4k.txt"))
			.verifyComplete();
	}

	private List<String> entries() throws IOException {
		try (Stream<Path> entries = Files.list(this.dir)) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
	}

	private static Flux<DataBuffer> chunks(byte[] bytes) {
		int size = 10_000;
		return Flux.range(0, (bytes.length + size - 1) / size)
			.map((i) -> buffers.wrap(ByteBuffer.wrap(bytes, i * size, Math.min(size, bytes.length - i * size))));
	}

}
