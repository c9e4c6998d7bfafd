package dev.threadlab.reactive.activity;

import dev.threadlab.shared.trace.RequestTrace;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a handler method take the {@link RequestTrace} that {@link TraceFilter} began; or,
 * with tracing off, the {@linkplain RequestTrace#off() off trace}.
 */
class RequestTraceArgumentResolver implements HandlerMethodArgumentResolver {

	private final boolean tracing;

	/**
	 * A resolver for an app that traces requests, or not.
	 * @param tracing whether {@link TraceFilter} is there
	 */
	RequestTraceArgumentResolver(boolean tracing) {
		this.tracing = tracing;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == RequestTrace.class;
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		if (!this.tracing) {
			return Mono.just(RequestTrace.off());
		}
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
