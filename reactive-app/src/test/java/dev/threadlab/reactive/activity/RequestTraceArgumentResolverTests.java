package dev.threadlab.reactive.activity;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.trace.Tracer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.core.MethodParameter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.BindingContext;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTraceArgumentResolverTests {

	private final MethodParameter parameter = parameter();

	private final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/api/items/1"));

	@Test
	void handlerGetsTheTraceTheFilterBegan() {
		RequestTrace trace = new Tracer(Contender.REACTIVE, 1).begin(null);
		this.exchange.getAttributes().put(TraceFilter.TRACE_ATTRIBUTE, trace);
		StepVerifier.create(resolve(true)).expectNext(trace).verifyComplete();
	}

	@Test
	void requestWithoutATraceIsABugWhileTracing() {
		StepVerifier.create(resolve(true))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("TraceFilter"))
			.verify();
	}

	@Test
	void handlerGetsTheOffTraceWhenTracingIsOff() {
		StepVerifier.create(resolve(false)).expectNext(RequestTrace.off()).verifyComplete();
	}

	private Mono<Object> resolve(boolean tracing) {
		return new RequestTraceArgumentResolver(tracing).resolveArgument(this.parameter, new BindingContext(),
				this.exchange);
	}

	private static MethodParameter parameter() {
		try {
			return new MethodParameter(
					RequestTraceArgumentResolverTests.class.getDeclaredMethod("handler", RequestTrace.class), 0);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unused")
	private static void handler(RequestTrace trace) {
	}

}
