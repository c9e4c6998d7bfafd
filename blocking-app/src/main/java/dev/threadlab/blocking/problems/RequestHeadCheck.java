package dev.threadlab.blocking.problems;

import java.io.IOException;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Params;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses the request heads that Tomcat passes on but reactive-app's server refuses, so
 * the same request gets the same answer: an HTTP/0.9 request (no version), and a body
 * framed by both {@code Content-Length} and {@code Transfer-Encoding}. Tomcat refuses the
 * rest itself (too large, unknown version, bad Host), answered by
 * {@link ProblemReportValve}; reactive-app's {@code RequestHeadCheck} does all of it,
 * because Reactor Netty refuses less.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class RequestHeadCheck extends OncePerRequestFilter {

	private final HandlerExceptionResolver problems;

	RequestHeadCheck(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// A body framed by both Content-Length and Transfer-Encoding cannot be refused
		// here: Tomcat drops the Content-Length before any filter runs (CONTRACT.md).
		LabException problem = problem(request);
		if (problem != null) {
			this.problems.resolveException(request, response, null, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	private static @Nullable LabException problem(HttpServletRequest request) {
		if (!request.getProtocol().startsWith("HTTP/1.")) {
			// An HTTP/0.9 answer has no status line: the caller gets the problem's
			// body only (documented in CONTRACT.md).
			return LabException.malformedRequest();
		}
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
			return LabException.contentEncodingNotSupported();
		}
		try {
			Params.query(request.getQueryString());
		}
		catch (LabException ex) {
			return ex;
		}
		return null;
	}

}
