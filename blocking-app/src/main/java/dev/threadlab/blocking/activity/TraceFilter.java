package dev.threadlab.blocking.activity;

import java.io.IOException;

import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.trace.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Traces every request but the lab's own probes and knobs: begins the trace on the thread
 * that took the request, echoes its id, and records it once the response is done. Not
 * registered at all with {@code lab.trace.enabled=false}, so that no request pays for it.
 */
class TraceFilter extends OncePerRequestFilter {

	/** The request attribute that holds the request's {@link RequestTrace}. */
	static final String TRACE_ATTRIBUTE = RequestTrace.class.getName();

	/** The request and response header that carries a request's id. */
	static final String REQUEST_ID_HEADER = "X-Request-Id";

	private final Tracer tracer;

	TraceFilter(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !Tracer.traces(path(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestTrace trace = this.tracer.begin(request.getHeader(REQUEST_ID_HEADER));
		response.setHeader(REQUEST_ID_HEADER, trace.requestId());
		request.setAttribute(TRACE_ATTRIBUTE, trace);
		int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
		try {
			chain.doFilter(request, response);
			status = response.getStatus();
		}
		finally {
			this.tracer.end(trace, request.getMethod(), path(request), status);
		}
	}

	/** The path inside the application, the same whether it runs at the root or not. */
	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
