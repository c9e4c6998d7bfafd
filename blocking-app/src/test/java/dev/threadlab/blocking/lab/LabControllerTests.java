package dev.threadlab.blocking.lab;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import dev.threadlab.blocking.files.FileStore;
import dev.threadlab.blocking.items.ItemRepository;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.Limits;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

@WebMvcTest(LabController.class)
class LabControllerTests {

	private static final Item ITEM = new Item(1, "item-1", Instant.parse("2026-01-01T00:00:00Z"));

	private static final FileInfo FILE = new FileInfo(Limits.MIXED_FILE_NAME, 4096, "ab".repeat(32));

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ItemRepository items;

	@MockitoBean
	private FileStore files;

	@Test
	void mixedReadsBothOnTheRequestThreadByDefault() throws Exception {
		AtomicReference<String> itemThread = new AtomicReference<>();
		AtomicReference<String> fileThread = new AtomicReference<>();
		given(this.items.find(Limits.MIXED_ITEM_ID, 10, false)).willAnswer((call) -> record(itemThread, ITEM));
		given(this.files.describe(Limits.MIXED_FILE_NAME, 20)).willAnswer((call) -> record(fileThread, FILE));
		assertThat(this.mvc.get().uri("/api/mixed?dbDelayMs=10&fileDelayMs=20")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"item\": {\"id\": 1}, \"file\": {\"bytes\": 4096}, \"parallel\": false}");
		assertThat(fileThread.get()).isEqualTo(itemThread.get());
	}

	@Test
	void mixedInParallelReadsTheFileOnATaskThread() throws Exception {
		AtomicReference<String> itemThread = new AtomicReference<>();
		AtomicReference<String> fileThread = new AtomicReference<>();
		given(this.items.find(Limits.MIXED_ITEM_ID, 0, false)).willAnswer((call) -> record(itemThread, ITEM));
		given(this.files.describe(Limits.MIXED_FILE_NAME, 0)).willAnswer((call) -> record(fileThread, FILE));
		assertThat(this.mvc.get().uri("/api/mixed?parallel=true")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.parallel")
			.isEqualTo(true);
		assertThat(fileThread.get()).startsWith("task-").isNotEqualTo(itemThread.get());
	}

	@Test
	void mixedParameterOutsideItsRangeIs400BeforeAnyRead() {
		assertThat(this.mvc.get().uri("/api/mixed?parallel=yes")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("parallel must be true or false, not 'yes'.");
		assertThat(this.mvc.get().uri("/api/mixed?fileDelayMs=30001")).hasStatus(400);
		verifyNoInteractions(this.items, this.files);
	}

	@Test
	void cpuAnswersTheDigestChain() {
		// One round: the SHA-256 of "threadlab" (echo -n threadlab | sha256sum).
		assertThat(this.mvc.get().uri("/api/cpu?iterations=1")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"iterations": 1, "sha256": "34da8386c9f1fc48cee90b2c8e16d334dd44a3e4c392e1e534a81a2a2da6e97f"}
				""");
	}

	@Test
	void sleepReportsWhereItSlept() {
		assertThat(this.mvc.get().uri("/api/sleep?delayMs=20&offload=true")).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"sleptMs\": 20, \"offloaded\": true}");
		assertThat(this.mvc.get().uri("/api/sleep?delayMs=abc")).hasStatus(400);
	}

	private static <T> T record(AtomicReference<String> thread, T result) {
		thread.set(Thread.currentThread().getName());
		return result;
	}

}
