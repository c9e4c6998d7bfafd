package dev.threadlab.dashboard.language;

import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Remembers a language chosen with {@code ?lang=}: the switch is a plain link, so the
 * choice must outlive the one page it opens.
 */
class LanguageSwitch implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String asked = exchange.getRequest().getQueryParams().getFirst(LanguageResolver.PARAMETER);
		Optional<Language> language = Language.of(asked);
		// An unknown ?lang= changes nothing: the page falls back, the last choice stays.
		language.ifPresent((chosen) -> exchange.getResponse().addCookie(LanguageResolver.cookie(chosen)));
		return chain.filter(exchange);
	}

}
