package dev.threadlab.reactive.threads;

import reactor.netty.resources.LoopResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The server's event loops, named {@code reactor-http-epoll-N} (or {@code -nio-N} where
 * the native transport is missing) wherever the app runs.
 */
@Configuration(proxyBeanMethods = false)
class EventLoopConfiguration {

	/**
	 * Replaces Boot's resource factory. Reactor Netty's global loops have the name the
	 * lab classifies as {@code event-loop}, but the loops Spring creates itself are
	 * {@code webflux-http-*}, and every Spring test makes it create its own. So the app
	 * always owns its loops and names them the way the lab knows them.
	 * @return the resource factory of the server's event loops
	 */
	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory resources = new ReactorResourceFactory();
		resources.setUseGlobalResources(false);
		resources.setLoopResourcesSupplier(() -> LoopResources.create("reactor-http"));
		return resources;
	}

}
