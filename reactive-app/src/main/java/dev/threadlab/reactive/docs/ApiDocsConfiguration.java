package dev.threadlab.reactive.docs;

import dev.threadlab.shared.docs.ApiDocs;
import dev.threadlab.shared.trace.RequestTrace;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * The contract as an OpenAPI 3.1 document at {@code /v3/api-docs}, with Swagger UI at
 * {@code /swagger-ui.html}: what springdoc reads off the handlers, rewritten by the
 * shared {@link ApiDocs} so that every contender publishes the same document.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	static {
		// The trace is this app's own argument, resolved per request, never sent by a
		// client.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(RequestTrace.class);
	}

	@Bean
	OpenApiCustomizer contractApiDocs() {
		return ApiDocs::apply;
	}

	/**
	 * Differs from blocking-app, where a request thread may wait on a disk: Swagger UI's
	 * files are read from the app's jar, and springdoc reads class files the first time
	 * it builds the document, both with blocking file I/O. Done on an event loop, that
	 * read would stall every connection the loop serves (BlockHound catches it), so those
	 * requests are served from Reactor's worker pool instead.
	 */
	@Bean
	WebFilter apiDocsOffTheEventLoop() {
		return (exchange, chain) -> {
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			if (path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")) {
				return chain.filter(exchange).subscribeOn(Schedulers.boundedElastic());
			}
			return chain.filter(exchange);
		};
	}

}
