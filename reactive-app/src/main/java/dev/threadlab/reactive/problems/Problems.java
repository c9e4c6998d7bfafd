package dev.threadlab.reactive.problems;

import java.net.URI;
import java.util.Set;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.trace.RequestTrace;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns any error into the contract's {@code problem+json}, for both the controller
 * advice and the handler of errors raised outside any controller.
 */
final class Problems {

	private static final Log logger = LogFactory.getLog(Problems.class);

	private Problems() {
	}

	static ResponseEntity<ProblemDetail> of(Throwable error, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		LabException lab = labException(error, request.getMethod(), path);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(lab.kind().status()), lab.detail());
		problem.setType(lab.kind().type());
		problem.setTitle(lab.kind().title());
		problem.setInstance(instance(path));
		RequestTrace trace = exchange.getAttribute(RequestTrace.class.getName());
		if (trace != null) {
			problem.setProperty("requestId", trace.requestId());
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(lab.kind().status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (error instanceof MethodNotAllowedException notAllowed) {
			Set<HttpMethod> allowed = notAllowed.getSupportedMethods();
			response.allow(allowed.toArray(HttpMethod[]::new));
		}
		return response.body(problem);
	}

	private static LabException labException(Throwable error, HttpMethod method, String path) {
		if (error instanceof LabException lab) {
			return lab;
		}
		if (error instanceof DataBufferLimitException) {
			// A codec's own cap; JsonBodyLimit's is lower, so this only guards a path
			// it does not cover.
			return LabException.jsonBodyTooLarge();
		}
		if (error instanceof MethodNotAllowedException) {
			return LabException.methodNotAllowed(method.name(), path);
		}
		if (error instanceof NotAcceptableStatusException) {
			return LabException.notAcceptable();
		}
		if (error instanceof UnsupportedMediaTypeStatusException) {
			// Only POST /api/items reads a body through a codec.
			return LabException.itemBodyNotJson();
		}
		if (error instanceof ServerWebInputException) {
			// Every parameter arrives as a string and is parsed by Params, so the only
			// input the framework itself rejects is a body it cannot read.
			return LabException.unreadableItemBody();
		}
		if (error instanceof ResponseStatusException status && status.getStatusCode().value() == 404) {
			return LabException.noRoute(method.name(), path);
		}
		logger.error("Answering " + method + " " + path + " with an internal error", error);
		return LabException.internal();
	}

	private static URI instance(String path) {
		try {
			return URI.create(path); // the raw path, still percent-encoded
		}
		catch (IllegalArgumentException ex) {
			return URI.create("/");
		}
	}

}
