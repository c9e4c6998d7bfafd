package dev.threadlab.blocking.activity;

import dev.threadlab.shared.trace.RequestTrace;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a handler take the {@link RequestTrace} that {@link TraceFilter} began, so it can
 * finish the trace on the thread that produces the body; or, with tracing off, the
 * {@linkplain RequestTrace#off() off trace}.
 */
class RequestTraceArgumentResolver implements HandlerMethodArgumentResolver {

	private final boolean tracing;

	/**
	 * A resolver for an app that traces requests, or not.
	 * @param tracing whether {@link TraceFilter} is registered
	 */
	RequestTraceArgumentResolver(boolean tracing) {
		this.tracing = tracing;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == RequestTrace.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		if (!this.tracing) {
			return RequestTrace.off();
		}
		Object trace = webRequest.getAttribute(TraceFilter.TRACE_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (trace == null) {
			throw new IllegalStateException("No trace for this request: is TraceFilter registered?");
		}
		return trace;
	}

}
