package dev.threadlab.blocking.problems;

import dev.threadlab.shared.limits.LabException;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

@WebMvcTest(ProblemErrorController.class)
@Import(ProblemHandlerTests.FailingController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void labExceptionIsItsProblemWithTheRequestId() {
		assertThat(this.mvc.get().uri("/test/missing").header("X-Request-Id", "problem-1")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("X-Request-Id", "problem-1")
			.bodyJson()
			.isStrictlyEqualTo("""
					{"type": "urn:threadlab:problem:not-found", "title": "Not found", "status": 404,
					 "detail": "No item has id 42.", "instance": "/test/missing", "requestId": "problem-1"}
					""");
	}

	@Test
	void unknownPathIs404WhateverTheMethod() {
		assertThat(this.mvc.delete().uri("/api/nothing")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Nothing is served at DELETE '/api/nothing'.");
	}

	@Test
	void wrongMethodIs405WithAllow() {
		assertThat(this.mvc.post().uri("/test/missing")).hasStatus(405)
			.hasHeader("Allow", "GET")
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("'/test/missing' does not take POST.");
	}

	@Test
	void unexpectedFailureSaysNothingAboutItsCauseButLogsIt(CapturedOutput output) {
		MvcTestResult result = this.mvc.get().uri("/test/broken").exchange();
		assertThat(result).hasStatus(500).bodyJson().isLenientlyEqualTo("""
				{"type": "urn:threadlab:problem:internal-error", "status": 500,
				 "detail": "The server could not complete the request."}
				""");
		assertThat(result).bodyText().doesNotContain("secret", "Exception", "/var/lib");
		assertThat(output).contains("java.lang.IllegalStateException: secret /var/lib/threadlab");
	}

	@Test
	void errorDispatchIsAnsweredAsAProblemForTheOriginalPath() {
		assertThat(this.mvc.get()
			.uri("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 404)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/actuator/env")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"detail": "Nothing is served at GET '/actuator/env'.", "instance": "/actuator/env"}
					""");
		assertThat(this.mvc.put()
			.uri("/error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/files/x")).hasStatus(413);
	}

	@Test
	void errorPathAskedForDirectlyIsNotFound() {
		assertThat(this.mvc.get().uri("/error")).hasStatus(404)
			.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("Nothing is served at GET '/error'.");
	}

	@RestController
	static class FailingController {

		@GetMapping("/test/missing")
		String missing() {
			throw LabException.noSuchItem(42);
		}

		@GetMapping("/test/broken")
		String broken() {
			throw new IllegalStateException("secret /var/lib/threadlab");
		}

	}

}
