package dev.threadlab.reactive.activity;

import dev.threadlab.shared.trace.RequestTrace;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a handler method take the {@link RequestTrace} that {@link TraceFilter} began.
 */
class RequestTraceArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == RequestTrace.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		RequestTrace trace = exchange.getAttribute(TraceFilter.TRACE_ATTRIBUTE);
		if (trace == null) {
			// Only a path the tracer skips has no trace, and no handler of such a path
			// asks for one: this is a bug, not a request to answer.
			return Mono.error(new IllegalStateException(
					"No trace for " + exchange.getRequest().getPath() + ": TraceFilter skipped it"));
		}
		return Mono.just(trace);
	}

}
