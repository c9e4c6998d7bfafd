package dev.threadlab.reactive;

import java.net.InetSocketAddress;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.WebFilter;

/**
 * For slice tests ({@code @WebFluxTest}): their mock requests come from no socket, so
 * they have no remote address, and the app's loopback guard rightly refuses anything that
 * changes the lab from an unknown caller. Imported by a slice test, this gives each mock
 * request the address a caller on this machine has, before the guard looks.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LocalCaller {

	/** A caller on this machine, as the server would see its socket. */
	private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 40_000);

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter localCallerAddress() {
		return (exchange, chain) -> (exchange.getRequest().getRemoteAddress() != null) ? chain.filter(exchange)
				: chain.filter(exchange.mutate().request((request) -> request.remoteAddress(LOOPBACK)).build());
	}

}
