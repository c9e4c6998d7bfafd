package dev.threadlab.reactive.items;

import java.time.Instant;

import dev.threadlab.reactive.LocalCaller;
import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@WebFluxTest(ItemsController.class)
@Import(LocalCaller.class)
class ItemsControllerTests {

	private static final Item ITEM = new Item(7, "item-7", Instant.parse("2026-01-01T00:00:00Z"));

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private ItemRepository items;

	@Test
	void itemIsAnsweredWithItsTraceAndRequestId() {
		given(this.items.find(7, 20, false)).willReturn(Mono.just(ITEM));
		this.client.get()
			.uri("/api/items/7?delayMs=20")
			.header("X-Request-Id", "slice-1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", "slice-1")
			.expectBody()
			.jsonPath("$.item.name")
			.isEqualTo("item-7")
			.jsonPath("$.trace.app")
			.isEqualTo("reactive")
			.jsonPath("$.trace.requestId")
			.isEqualTo("slice-1");
	}

	@Test
	void holdConnectionReachesEveryQuery() {
		given(this.items.find(7, 20, true)).willReturn(Mono.just(ITEM));
		given(this.items.page(5, 0, 20, true)).willReturn(Flux.just(ITEM));
		given(this.items.insert("held", 20, true)).willReturn(Mono.just(new Item(1001, "held", Instant.now())));
		this.client.get().uri("/api/items/7?delayMs=20&holdConnection=true").exchange().expectStatus().isOk();
		this.client.get().uri("/api/items?delayMs=20&limit=5&holdConnection=true").exchange().expectStatus().isOk();
		this.client.post()
			.uri("/api/items?delayMs=20&holdConnection=true")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"held\"}")
			.exchange()
			.expectStatus()
			.isCreated();
	}

	@Test
	void unknownItemIs404() {
		given(this.items.find(7, 0, false)).willReturn(Mono.error(LabException.noSuchItem(7)));
		assertProblem(this.client.get().uri("/api/items/7").exchange(), LabException.noSuchItem(7), "/api/items/7");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/items/abc", "/api/items/0", "/api/items/-3", "/api/items/1?delayMs=-1",
			"/api/items/1?delayMs=30001", "/api/items/1?delayMs=", "/api/items?limit=0", "/api/items?limit=101",
			"/api/items?offset=-1", "/api/items?offset=1000001", "/api/items?delayMs=soon",
			"/api/items/1?holdConnection=yes", "/api/items?holdConnection=1", "/api/items/1?holdConnection=" })
	void parametersOutsideTheirRangeAre400BeforeAnyQuery(String uri) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemKind.INVALID_PARAMETER.type().toString())
			.jsonPath("$.requestId")
			.exists();
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void createdItemIs201WithItsLocation() {
		given(this.items.insert("new one", 0, false)).willReturn(Mono.just(new Item(1001, "new one", Instant.now())));
		this.client.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \"new one\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/api/items/1001")
			.expectBody()
			.jsonPath("$.item.id")
			.isEqualTo(1001);
	}

	@Test
	void bodyThatIsNotJsonIs415() {
		WebTestClient.ResponseSpec response = this.client.post()
			.uri("/api/items")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("name=x")
			.exchange();
		assertProblem(response, LabException.itemBodyNotJson(), "/api/items");
		then(this.items).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"name\": ", "[]", "null", "{}", "\"name\"" })
	void unreadableBodyIs400(String body) {
		WebTestClient.ResponseSpec response = this.client.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
		assertProblem(response, LabException.unreadableItemBody(), "/api/items");
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void blankNameIs400() {
		this.client.post()
			.uri("/api/items")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\": \" \"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemKind.INVALID_BODY.type().toString());
		then(this.items).shouldHaveNoInteractions();
	}

	@Test
	void acceptHeaderThatAllowsNoAnswerIs406() {
		given(this.items.find(7, 0, false)).willReturn(Mono.just(ITEM));
		assertProblem(this.client.get().uri("/api/items/7").accept(MediaType.TEXT_PLAIN).exchange(),
				LabException.notAcceptable(), "/api/items/7");
	}

	@Test
	void wrongMethodIs405WithTheMethodsAllowed() {
		assertProblem(this.client.delete().uri("/api/items/1").exchange(),
				LabException.methodNotAllowed("DELETE", "/api/items/1"), "/api/items/1")
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "GET");
	}

	private WebTestClient.ResponseSpec assertProblem(WebTestClient.ResponseSpec response, LabException expected,
			String instance) {
		response.expectStatus()
			.isEqualTo(expected.kind().status())
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(expected.kind().type().toString())
			.jsonPath("$.title")
			.isEqualTo(expected.kind().title())
			.jsonPath("$.status")
			.isEqualTo(expected.kind().status())
			.jsonPath("$.detail")
			.isEqualTo(expected.detail())
			.jsonPath("$.instance")
			.isEqualTo(instance);
		return response;
	}

}
