package dev.threadlab.reactive.activity;

import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.trace.Tracer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Begins every traced request's trace on the event loop that took it, and ends it once
 * the response is written. Not a bean at all with {@code lab.trace.enabled=false}, so
 * that no request pays for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnBooleanProperty(name = "lab.trace.enabled", matchIfMissing = true)
class TraceFilter implements WebFilter {

	/** The exchange attribute that holds the request's {@link RequestTrace}. */
	static final String TRACE_ATTRIBUTE = RequestTrace.class.getName();

	/** The request and response header that carries a request's id. */
	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private final Tracer tracer;

	TraceFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (!Tracer.traces(path)) {
			return chain.filter(exchange);
		}
		RequestTrace trace = this.tracer.begin(request.getHeaders().getFirst(REQUEST_ID_HEADER));
		// Before the chain runs, so the header goes out with whatever answer is written.
		exchange.getResponse().getHeaders().set(REQUEST_ID_HEADER, trace.requestId());
		exchange.getAttributes().put(TRACE_ATTRIBUTE, trace);
		String method = request.getMethod().name();
		return chain.filter(exchange)
			.doFinally((signal) -> this.tracer.end(trace, method, path, status(exchange, signal)));
	}

	private static int status(ServerWebExchange exchange, SignalType signal) {
		if (signal == SignalType.ON_ERROR) {
			return 500;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		return (status != null) ? status.value() : 200;
	}

}
