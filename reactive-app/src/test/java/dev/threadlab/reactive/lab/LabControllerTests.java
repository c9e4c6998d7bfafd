package dev.threadlab.reactive.lab;

import java.time.Instant;
import java.util.Map;

import dev.threadlab.reactive.LocalCaller;
import dev.threadlab.reactive.files.FileStore;
import dev.threadlab.reactive.items.ItemRepository;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.ProblemKind;
import dev.threadlab.shared.work.CpuWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@WebFluxTest(LabController.class)
@Import(LocalCaller.class)
class LabControllerTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private ItemRepository items;

	@MockitoBean
	private FileStore files;

	@Test
	void cpuAnswersTheDigestChainOnTheThreadThatTookTheRequest() {
		this.client.get()
			.uri("/api/cpu?iterations=1000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.iterations")
			.isEqualTo(1000)
			.jsonPath("$.sha256")
			.isEqualTo(CpuWork.sha256Rounds(1000))
			.jsonPath("$.trace")
			.value((trace) -> assertThat(trace).extracting("endThread")
				.isEqualTo(((Map<?, ?>) trace).get("startThread")));
	}

	@Test
	void offloadedSleepEndsOnAWorkerThread() {
		this.client.get()
			.uri("/api/sleep?delayMs=10&offload=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.offloaded")
			.isEqualTo(true)
			.jsonPath("$.trace.endThread")
			.value((thread) -> assertThat((String) thread).startsWith("boundedElastic-"));
	}

	@Test
	void mixedReadsItemOneAndTheSmallSampleAtOnce() {
		Item item = new Item(1, "item-1", Instant.parse("2026-01-01T00:00:00Z"));
		FileInfo file = new FileInfo(Limits.MIXED_FILE_NAME, 4096, "abc");
		given(this.items.find(Limits.MIXED_ITEM_ID, 30, false)).willReturn(Mono.just(item));
		given(this.files.describe(eq(Limits.MIXED_FILE_NAME), eq(40), any())).willReturn(Mono.just(file));
		this.client.get()
			.uri("/api/mixed?dbDelayMs=30&fileDelayMs=40&parallel=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.item.id")
			.isEqualTo(1)
			.jsonPath("$.file.name")
			.isEqualTo(Limits.MIXED_FILE_NAME)
			.jsonPath("$.parallel")
			.isEqualTo(true);
	}

	@Test
	void mixedHoldsAConnectionForItsDatabasePartWhenAsked() {
		Item item = new Item(1, "item-1", Instant.parse("2026-01-01T00:00:00Z"));
		FileInfo file = new FileInfo(Limits.MIXED_FILE_NAME, 4096, "abc");
		given(this.items.find(Limits.MIXED_ITEM_ID, 30, true)).willReturn(Mono.just(item));
		given(this.files.describe(eq(Limits.MIXED_FILE_NAME), eq(0), any())).willReturn(Mono.just(file));
		this.client.get()
			.uri("/api/mixed?dbDelayMs=30&holdConnection=true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.item.id")
			.isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/cpu?iterations=0", "/api/cpu?iterations=5000001", "/api/sleep?delayMs=-1",
			"/api/sleep?offload=yes", "/api/mixed?parallel=1", "/api/mixed?dbDelayMs=30001", "/api/mixed?fileDelayMs=x",
			"/api/mixed?holdConnection=on" })
	void parametersOutsideTheirRangeAre400BeforeAnyWork(String uri) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemKind.INVALID_PARAMETER.type().toString());
		then(this.items).shouldHaveNoInteractions();
		then(this.files).shouldHaveNoInteractions();
	}

}
