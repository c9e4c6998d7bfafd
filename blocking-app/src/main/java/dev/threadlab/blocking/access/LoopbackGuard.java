package dev.threadlab.blocking.access;

import java.io.IOException;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.net.LabAccess;
import dev.threadlab.shared.net.Loopback;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses, with a 403 problem, every request that changes the lab or loads this machine
 * ({@link LabAccess}) unless it comes from this machine, so that an app exposed to a
 * classroom can be watched and read by anyone but changed only by its owner.
 * <p>
 * It decides on the socket's remote address alone. Headers such as
 * {@code X-Forwarded-For} and {@code Forwarded} are whatever the caller wrote, so
 * {@code server.forward-headers-strategy} stays {@code none} (set in
 * application.properties, checked by a test): with Tomcat's {@code RemoteIpValve} or
 * Spring's {@code ForwardedHeaderFilter} in front, {@code getRemoteAddr()} would be the
 * caller's claim.
 */
@Component
// Inside the trace filter, so that a refused request still shows in the activity.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LoopbackGuard extends OncePerRequestFilter {

	private final HandlerExceptionResolver problems;

	/**
	 * @param problems Spring MVC's exception resolvers: a filter runs before any handler,
	 * so the refusal is handed to the same controller advice that answers every other
	 * problem, and reads the same as on reactive-app
	 */
	LoopbackGuard(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String method = request.getMethod();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (LabAccess.onlyFromLoopback(method, path) && !Loopback.isLoopbackLiteral(request.getRemoteAddr())) {
			this.problems.resolveException(request, response, null, LabException.onlyFromLoopback(method, path));
			return;
		}
		chain.doFilter(request, response);
	}

}
