package dev.threadlab.reactive.problems;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers every error a handler raises, or the dispatcher raises on the way to one (no
 * route, wrong method, wrong content type), with the contract's {@code problem+json}.
 */
@RestControllerAdvice
class ProblemHandler {

	@ExceptionHandler(Throwable.class)
	ResponseEntity<ProblemDetail> handle(Throwable error, ServerWebExchange exchange) {
		return Problems.of(error, exchange);
	}

}
