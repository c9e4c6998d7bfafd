package dev.threadlab.blocking.items;

import java.time.Instant;
import java.util.List;

import dev.threadlab.shared.contract.Item;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

@WebMvcTest(ItemsController.class)
class ItemsControllerTests {

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private ItemRepository items;

	@Test
	void itemIsAnsweredWithTheTraceOfTheThreadThatTookTheRequest() throws Exception {
		given(this.items.find(7, 250, false)).willReturn(new Item(7, "item-7", CREATED));
		assertThat(this.mvc.get().uri("/api/items/7?delayMs=250").header("X-Request-Id", "slice-1")).hasStatusOk()
			.hasHeader("X-Request-Id", "slice-1")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"item": {"id": 7, "name": "item-7", "createdAt": "2026-01-01T00:00:00Z"},
					 "trace": {"app": "blocking", "model": "thread-per-request", "requestId": "slice-1"}}
					""");
	}

	@Test
	void pageTakesItsDefaultsWhenParametersAreAbsent() throws Exception {
		given(this.items.page(20, 0, 0, false)).willReturn(List.of(new Item(1, "item-1", CREATED)));
		assertThat(this.mvc.get().uri("/api/items")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
				{"items": [{"id": 1}], "limit": 20, "offset": 0}
				""");
	}

	@Test
	void parameterOutsideItsRangeIs400AndNeverReachesTheDatabase() {
		assertThat(this.mvc.get().uri("/api/items/1?delayMs=30001")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:threadlab:problem:invalid-parameter", "title": "Invalid parameter", "status": 400,
					 "detail": "delayMs must be an integer from 0 to 30000; got '30001'.", "instance": "/api/items/1"}
					""");
		assertThat(this.mvc.get().uri("/api/items/abc")).hasStatus(400);
		assertThat(this.mvc.get().uri("/api/items?limit=0")).hasStatus(400);
		assertThat(this.mvc.get().uri("/api/items?offset=")).hasStatus(400);
		verifyNoInteractions(this.items);
	}

	@Test
	void postedItemIs201WithItsLocation() throws Exception {
		given(this.items.insert("new one", 0, false)).willReturn(new Item(1001, "new one", CREATED));
		assertThat(this.mvc.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"new one\"}")).hasStatus(201)
			.hasHeader("Location", "/api/items/1001")
			.bodyJson()
			.extractingPath("$.item.id")
			.isEqualTo(1001);
		then(this.items).should().insert("new one", 0, false);
	}

	@Test
	void bodyThatIsNotAnItemIsRejectedBeforeTheDatabase() {
		assertThat(this.mvc.post().uri("/api/items").contentType(MediaType.TEXT_PLAIN).content("{\"name\": \"x\"}"))
			.hasStatus(415)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:threadlab:problem:unsupported-media-type");
		assertThat(this.mvc.post().uri("/api/items").contentType(MediaType.APPLICATION_JSON).content("{\"name\": "))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:threadlab:problem:invalid-body");
		assertThat(
				this.mvc.post().uri("/api/items").contentType(MediaType.APPLICATION_JSON).content("{\"name\": \" \"}"))
			.hasStatus(400);
		assertThat(this.mvc.post()
			.uri("/api/items?delayMs=-1")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\"}")).hasStatus(400);
		verifyNoInteractions(this.items);
	}

}
