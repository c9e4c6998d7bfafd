package dev.threadlab.blocking.lab;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knobs' guards, without a Tomcat: MockMvc has no request thread pool, which is also
 * what the virtual profile has.
 */
@WebMvcTest(controllers = KnobsController.class, properties = "lab.knobs.enabled=true")
class KnobsControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void callerOffThisMachineIsForbiddenBeforeAnythingIsRead() {
		RequestPostProcessor remote = (request) -> {
			request.setRemoteAddr("192.0.2.7");
			return request;
		};
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=abc").with(remote)).hasStatus(403)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isStrictlyEqualTo(
					"""
							{"type": "urn:threadlab:problem:forbidden", "title": "Forbidden", "status": 403,
							 "detail": "PUT '/api/lab/knobs/tomcat-threads' changes the lab or loads this machine: only callers on this machine (loopback) may send it; visitors may only read.",
							 "instance": "/api/lab/knobs/tomcat-threads"}
							""");
		assertThat(this.mvc.get().uri("/api/lab/knobs").with(remote)).hasStatus(403);
	}

	@Test
	void threadCountOutsideOneToFourThousandIs400() {
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=4001")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "urn:threadlab:problem:invalid-parameter", "status": 400,
					 "detail": "max must be an integer from 1 to 4000; got '4001'."}
					""");
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=0")).hasStatus(400);
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=")).hasStatus(400);
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("max must be an integer from 1 to 4000; got nothing.");
	}

	@Test
	void withoutAThreadPoolThereIsNothingToResize() {
		assertThat(this.mvc.get().uri("/api/lab/knobs")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				{"tomcatMaxThreads": null, "tomcatMinSpareThreads": null, "tomcatThreads": null,
				 "tomcatBusyThreads": null}
				""");
		assertThat(this.mvc.put().uri("/api/lab/knobs/tomcat-threads?max=20")).hasStatus(409)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("urn:threadlab:problem:conflict");
	}

}
