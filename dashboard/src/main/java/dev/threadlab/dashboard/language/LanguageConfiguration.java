package dev.threadlab.dashboard.language;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The language beans. Boot's WebFlux auto-configuration backs off from its own
 * Accept-Language resolver only for a bean with this exact name, and WebFlux's handler
 * builder looks the resolver up by it too.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	@Bean
	LocaleContextResolver localeContextResolver() {
		return new LanguageResolver();
	}

	@Bean
	WebFilter languageSwitch() {
		return new LanguageSwitch();
	}

}
