package dev.threadlab.blocking.activity;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.trace.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RequestTraceArgumentResolverTests {

	private final MethodParameter parameter = parameter();

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/items/1");

	@Test
	void handlerGetsTheTraceTheFilterBegan() {
		RequestTrace trace = new Tracer(Contender.BLOCKING, 1).begin(null);
		this.request.setAttribute(TraceFilter.TRACE_ATTRIBUTE, trace);
		assertThat(resolve(true)).isSameAs(trace);
	}

	@Test
	void requestWithoutATraceIsABugWhileTracing() {
		assertThatIllegalStateException().isThrownBy(() -> resolve(true)).withMessageContaining("TraceFilter");
	}

	@Test
	void handlerGetsTheOffTraceWhenTracingIsOff() {
		assertThat(resolve(false)).isSameAs(RequestTrace.off());
	}

	private Object resolve(boolean tracing) {
		return new RequestTraceArgumentResolver(tracing).resolveArgument(this.parameter, null,
				new ServletWebRequest(this.request), null);
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
