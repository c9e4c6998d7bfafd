package dev.threadlab.blocking.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.threadlab.shared.files.DataFolder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(FilesController.class)
@Import(FilesControllerTests.TempDataFolder.class)
class FilesControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private DataFolder folder;

	@Test
	void listHoldsTheSamplesSortedByName() {
		assertThat(this.mvc.get().uri("/api/files")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.files[*].name")
			.asArray()
			.containsSubsequence("sample-16m.bin", "sample-1m.bin", "sample-4k.txt");
	}

	@Test
	void fileIsAnsweredWithItsSizeDigestAndTrace() {
		assertThat(this.mvc.get().uri("/api/files/sample-4k.txt")).hasStatusOk()
			.bodyJson()
			.hasPathSatisfying("$.file.bytes", (bytes) -> assertThat(bytes).asNumber().isEqualTo(4096))
			.hasPathSatisfying("$.file.sha256", (sha) -> assertThat(sha).asString().hasSize(64))
			.hasPathSatisfying("$.trace.startThread", (thread) -> assertThat(thread).asString().isNotBlank());
	}

	@Test
	void contentIsTheRawBytesWithTheirLength() throws IOException {
		byte[] expected = Files.readAllBytes(this.folder.dir().resolve("sample-4k.txt"));
		assertThat(this.mvc.get().uri("/api/files/sample-4k.txt/content")).hasStatusOk()
			.hasContentType(MediaType.APPLICATION_OCTET_STREAM)
			.hasHeader("Content-Length", String.valueOf(expected.length))
			.body()
			.isEqualTo(expected);
	}

	@Test
	void uploadIsReadRawWhateverItsContentType() throws IOException {
		// No form filter may read a form-encoded PUT body as parameters first.
		assertThat(this.mvc.put()
			.uri("/api/files/form.txt")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content("a=1&b=2")).hasStatus(201).bodyJson().extractingPath("$.file.bytes").isEqualTo(7);
		assertThat(this.folder.dir().resolve("form.txt")).hasContent("a=1&b=2");
		assertThat(this.mvc.put()
			.uri("/api/files/form.txt")
			.contentType(MediaType.MULTIPART_FORM_DATA_VALUE + "; boundary=x")
			.content("--x--".getBytes(StandardCharsets.US_ASCII))).hasStatusOk();
		assertThat(this.folder.dir().resolve("form.txt")).hasContent("--x--");
	}

	@Test
	void invalidNameIs400WithTheSharedDetail() {
		assertThat(this.mvc.get().uri("/api/files/{name}", "bad name")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:threadlab:problem:invalid-file-name");
	}

	@Test
	void invalidDelayIs400BeforeTheUploadIsRead() {
		assertThat(this.mvc.put().uri("/api/files/delay.txt?delayMs=30001").content("x")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("delayMs must be an integer from 0 to 30000; got '30001'.");
		assertThat(this.folder.dir().resolve("delay.txt")).doesNotExist();
	}

	@Test
	void unknownFileIs404() {
		assertThat(this.mvc.get().uri("/api/files/missing.txt/content")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No file is named 'missing.txt'.");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TempDataFolder {

		@Bean
		DataFolder dataFolder() throws IOException {
			DataFolder folder = new DataFolder(Files.createTempDirectory(Path.of("target"), "files-slice-"));
			folder.prepare();
			return folder;
		}

		@Bean
		FileStore fileStore(DataFolder dataFolder) {
			return new FileStore(dataFolder);
		}

	}

}
