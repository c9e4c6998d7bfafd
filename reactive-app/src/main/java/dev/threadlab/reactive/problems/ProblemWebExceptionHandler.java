package dev.threadlab.reactive.problems;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers the errors no controller advice sees (raised in a filter, or while writing a
 * response that is not yet committed) with the same {@code problem+json}. As Boot's error
 * handler would, it runs before Spring's default one; being an
 * {@code ErrorWebExceptionHandler}, it replaces Boot's.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements ErrorWebExceptionHandler {

	private final ServerResponse.Context context;

	ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(error); // too late for an answer: the connection closes
		}
		ResponseEntity<ProblemDetail> problem = Problems.of(error, exchange);
		return ServerResponse.status(problem.getStatusCode())
			.headers((headers) -> headers.addAll(problem.getHeaders()))
			.bodyValue(problem.getBody())
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

}
