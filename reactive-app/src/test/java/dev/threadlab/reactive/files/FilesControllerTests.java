package dev.threadlab.reactive.files;

import dev.threadlab.reactive.LocalCaller;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.ProblemKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

@WebFluxTest(FilesController.class)
@Import(LocalCaller.class)
class FilesControllerTests {

	@Autowired
	private WebTestClient client;

	@MockitoBean
	private FileStore files;

	@ParameterizedTest
	@ValueSource(strings = { "/api/files/bad%20name", "/api/files/a%2Fb", "/api/files/%2E%2E/content",
			"/api/files/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
	void namesOutsideTheRuleAre400BeforeAnyFileIsTouched(String uri) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemKind.INVALID_FILE_NAME.type().toString());
		then(this.files).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/files/a.txt?delayMs=-1", "/api/files/a.txt/content?delayMs=30001",
			"/api/files/a.txt?delayMs=1.5" })
	void delaysOutsideTheirRangeAre400(String uri) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(ProblemKind.INVALID_PARAMETER.type().toString());
		then(this.files).shouldHaveNoInteractions();
	}

	@Test
	void uploadWithABadDelayIs400BeforeAnyFileIsTouched() {
		this.client.put()
			.uri("/api/files/a.bin?delayMs=x")
			.bodyValue(new byte[] { 1, 2, 3 })
			.exchange()
			.expectStatus()
			.isBadRequest();
		then(this.files).shouldHaveNoInteractions();
	}

	@Test
	void unknownFileIs404() {
		given(this.files.describe(eq("gone.txt"), eq(0), any()))
			.willReturn(Mono.error(LabException.noSuchFile("gone.txt")));
		this.client.get()
			.uri("/api/files/gone.txt")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo(LabException.noSuchFile("gone.txt").detail())
			.jsonPath("$.instance")
			.isEqualTo("/api/files/gone.txt");
	}

}
