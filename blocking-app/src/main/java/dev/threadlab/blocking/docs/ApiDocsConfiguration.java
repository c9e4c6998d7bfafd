package dev.threadlab.blocking.docs;

import dev.threadlab.shared.docs.ApiDocs;
import dev.threadlab.shared.trace.RequestTrace;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

}
