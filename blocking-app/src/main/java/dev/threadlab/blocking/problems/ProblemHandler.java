package dev.threadlab.blocking.problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.trace.RequestTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error a handler raises, or Spring MVC raises before one runs, into the
 * contract's {@code application/problem+json}.
 */
@RestControllerAdvice
class ProblemHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandler.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> labException(LabException ex, HttpServletRequest request) {
		return problem(ex, request, request.getRequestURI());
	}

	@ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
	ResponseEntity<ProblemDetail> noHandler(Exception ex, HttpServletRequest request) {
		return problem(LabException.noRoute(request.getMethod(), path(request)), request, request.getRequestURI());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex,
			HttpServletRequest request) {
		ResponseEntity<ProblemDetail> problem = problem(
				LabException.methodNotAllowed(request.getMethod(), path(request)), request, request.getRequestURI());
		Set<HttpMethod> allowed = ex.getSupportedHttpMethods();
		if (allowed == null) {
			return problem;
		}
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.allow(allowed.toArray(HttpMethod[]::new))
			.body(problem.getBody());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException ex,
			HttpServletRequest request) {
		// Only POST /api/items reads a typed body; PUT /api/files/{name} takes any bytes.
		return problem(LabException.itemBodyNotJson(), request, request.getRequestURI());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException ex, HttpServletRequest request) {
		return problem(LabException.notAcceptable(), request, request.getRequestURI());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException ex, HttpServletRequest request) {
		// JsonBodyLimit's cap fails the read from inside the converter, which wraps it.
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof LabException lab) {
				return problem(lab, request, request.getRequestURI());
			}
		}
		return problem(LabException.unreadableItemBody(), request, request.getRequestURI());
	}

	@ExceptionHandler
	@Nullable ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		if (response.isCommitted()) {
			// A body was already on its way (a client that went away while /content
			// streamed, most often): the status is sent, nothing can be answered.
			logger.debug("Failed after the response was committed: " + request.getRequestURI(), ex);
			return null;
		}
		if (ex instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
			// A client error the contract does not name (such as an Accept header no
			// handler can satisfy): nothing broke here, so no stack trace.
			logger.warn("Answered " + request.getMethod() + " " + request.getRequestURI() + " as an internal error: "
					+ ex.getMessage());
		}
		else {
			logger.error("Failed to handle " + request.getMethod() + " " + request.getRequestURI(), ex);
		}
		return problem(LabException.internal(), request, request.getRequestURI());
	}

	/**
	 * The problem for an error, with the caller's request id when the request was traced.
	 * @param ex the error
	 * @param request the request, or the error dispatch that carries it
	 * @param requestUri the path the caller asked for, without the query
	 * @return the answer
	 */
	static ResponseEntity<ProblemDetail> problem(LabException ex, HttpServletRequest request, String requestUri) {
		ProblemDetail problem = ProblemDetail.forStatus(ex.kind().status());
		problem.setType(ex.kind().type());
		problem.setTitle(ex.kind().title());
		problem.setDetail(ex.detail());
		problem.setInstance(instance(requestUri));
		if (request.getAttribute(RequestTrace.class.getName()) instanceof RequestTrace trace) {
			problem.setProperty("requestId", trace.requestId());
		}
		// Set, not negotiated: an error is problem+json whatever the caller accepts.
		return ResponseEntity.status(ex.kind().status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/**
	 * The error for a status that something other than a handler set: the servlet
	 * container, or Tomcat itself.
	 * @param status the status
	 * @param method the request's method
	 * @param path the request's path
	 * @return the error
	 */
	static LabException forStatus(int status, String method, String path) {
		return switch (status) {
			case 400 -> LabException.malformedRequest();
			case 404 -> LabException.noRoute(method, path);
			case 405 -> LabException.methodNotAllowed(method, path);
			case 413 -> LabException.uploadTooLarge();
			case 414 -> LabException.uriTooLong();
			case 417 -> LabException.expectationFailed();
			case 431 -> LabException.headersTooLarge();
			case 505 -> LabException.httpVersionNotSupported();
			// Tomcat's 501s are a CONNECT and a Transfer-Encoding it does not know:
			// reactive-app's server refuses the same as 405 and 400.
			case 501 -> "CONNECT".equals(method) ? LabException.methodNotAllowed(method, path)
					: LabException.malformedRequest();
			default -> LabException.internal();
		};
	}

	/** The path inside the application, as the contract's detail texts name it. */
	static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	private static @Nullable URI instance(String requestUri) {
		try {
			return new URI(requestUri);
		}
		catch (URISyntaxException ex) {
			return null; // Tomcat lets through no such path; a problem without an
							// instance
		}
	}

}
