package dev.threadlab.reactive.access;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.net.LabAccess;
import dev.threadlab.shared.net.Loopback;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses, with a 403 problem, every request that changes the lab or loads this machine
 * ({@link LabAccess}) unless it comes from this machine, so that an app exposed to a
 * classroom can be watched and read by anyone but changed only by its owner.
 * <p>
 * It decides on the socket's remote address alone. Headers such as
 * {@code X-Forwarded-For} and {@code Forwarded} are whatever the caller wrote, so
 * {@code server.forward-headers-strategy} stays {@code none} (set in
 * application.properties, checked by a test): with Reactor Netty's forwarded support or
 * Spring's {@code ForwardedHeaderTransformer} on, {@code getRemoteAddress()} would be the
 * caller's claim.
 */
@Component
// Inside the trace filter, so that a refused request still shows in the activity.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class LoopbackGuard implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String method = request.getMethod().name();
		String path = request.getPath().pathWithinApplication().value();
		if (LabAccess.onlyFromLoopback(method, path) && !Loopback.isLoopback(request.getRemoteAddress())) {
			// Answered by ProblemWebExceptionHandler, the same problem as any other.
			return Mono.error(LabException.onlyFromLoopback(method, path));
		}
		return chain.filter(exchange);
	}

}
