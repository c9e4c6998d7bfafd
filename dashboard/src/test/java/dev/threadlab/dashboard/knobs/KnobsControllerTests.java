package dev.threadlab.dashboard.knobs;

import java.util.List;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tests for {@link KnobsController}, against stub apps: a blocking one with its knobs on
 * and a reactive one without knobs.
 */
class KnobsControllerTests {

	private final StubApp blocking = StubApp.start("blocking");

	private final StubApp reactive = StubApp.start("reactive");

	private final StubApp noKnobs = StubApp.startWithoutKnobs("plain");

	private final WebTestClient client = WebTestClient
		.bindToController(
				new KnobsController(List.of(this.blocking.labApp(), this.reactive.labApp(), this.noKnobs.labApp()),
						new LabClients(WebClient.create(), WebClient.create())))
		.build();

	@AfterEach
	void stop() {
		this.blocking.close();
		this.reactive.close();
		this.noKnobs.close();
	}

	@Test
	void eachAppSaysWhetherItsKnobCanBeTurned() {
		this.client.get()
			.uri("/api/knobs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].app")
			.isEqualTo("blocking")
			.jsonPath("$[0].state")
			.isEqualTo("on")
			.jsonPath("$[0].tomcatMaxThreads")
			.isEqualTo(200)
			.jsonPath("$[1].app")
			.isEqualTo("reactive")
			.jsonPath("$[1].state")
			.isEqualTo("none")
			.jsonPath("$[2].app")
			.isEqualTo("plain")
			.jsonPath("$[2].state")
			.isEqualTo("off")
			.jsonPath("$[2].note")
			.value((note) -> org.assertj.core.api.Assertions.assertThat((String) note)
				.contains("--lab.knobs.enabled=true"));
	}

	@Test
	void turningTheKnobPassesTheValueOnAndAnswersWhatTheAppSays() {
		this.client.put()
			.uri("/api/knobs/blocking/tomcat-threads?max=20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.tomcatMaxThreads")
			.isEqualTo(20);
		this.client.get().uri("/api/knobs").exchange().expectBody().jsonPath("$[0].tomcatMaxThreads").isEqualTo(20);
	}

	@Test
	void theAppsProblemComesBackAsItIsAndChangesNothing() {
		this.client.put()
			.uri("/api/knobs/blocking/tomcat-threads?max=0")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("max must be between 1 and 4000, got 0");
		this.client.get().uri("/api/knobs").exchange().expectBody().jsonPath("$[0].tomcatMaxThreads").isEqualTo(200);
	}

	@Test
	void onlyTheLabsAppsAndWholeNumbersAreAccepted() {
		this.client.put().uri("/api/knobs/elsewhere/tomcat-threads?max=20").exchange().expectStatus().isNotFound();
		this.client.put().uri("/api/knobs/blocking/tomcat-threads?max=lots").exchange().expectStatus().isBadRequest();
		// The event loop has no pool to resize: refused before the app is asked.
		this.client.put().uri("/api/knobs/reactive/tomcat-threads?max=20").exchange().expectStatus().isEqualTo(409);
		this.client.get().uri("/api/knobs").exchange().expectBody().jsonPath("$[0].tomcatMaxThreads").isEqualTo(200);
	}

	@Test
	void anAppThatIsDownIsReportedNotFailed() {
		this.noKnobs.close();
		this.client.get()
			.uri("/api/knobs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[2].state")
			.isEqualTo("unknown");
		this.client.put().uri("/api/knobs/plain/tomcat-threads?max=20").exchange().expectStatus().isEqualTo(502);
	}

}
