package dev.threadlab.dashboard.language;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Picks a request's language: {@code ?lang=} first, then the remembered choice (a
 * cookie), then {@code Accept-Language}; English for anything the dashboard does not
 * speak. Spring WebFlux finds it by its bean name, {@code localeContextResolver}.
 */
class LanguageResolver implements LocaleContextResolver {

	/** The query parameter the switch's links carry. */
	static final String PARAMETER = "lang";

	/** The cookie that remembers a choice made with the switch. */
	static final String COOKIE = "threadlab-lang";

	private static final Duration REMEMBERED = Duration.ofDays(365);

	@Override
	public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
		return new SimpleLocaleContext(language(exchange).locale());
	}

	static Language language(ServerWebExchange exchange) {
		return chosen(exchange).orElseGet(() -> Language.best(wanted(exchange)));
	}

	/** The language asked for by the switch, now or earlier. */
	static Optional<Language> chosen(ServerWebExchange exchange) {
		Optional<Language> asked = Language.of(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
		if (asked.isPresent()) {
			return asked;
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		return Language.of((cookie != null) ? cookie.getValue() : null);
	}

	private static List<Locale> wanted(ServerWebExchange exchange) {
		try {
			return exchange.getRequest().getHeaders().getAcceptLanguageAsLocales();
		}
		catch (IllegalArgumentException ex) {
			// A malformed header is a browser's mistake, not a reason to fail the page.
			return List.of();
		}
	}

	@Override
	public void setLocaleContext(ServerWebExchange exchange, @Nullable LocaleContext localeContext) {
		Locale locale = (localeContext != null) ? localeContext.getLocale() : null;
		Language language = (locale != null) ? Language.of(locale.toLanguageTag()).orElse(Language.FALLBACK)
				: Language.FALLBACK;
		exchange.getResponse().addCookie(cookie(language));
	}

	static ResponseCookie cookie(Language language) {
		return ResponseCookie.from(COOKIE, language.tag())
			.path("/")
			.maxAge(REMEMBERED)
			.sameSite("Lax")
			.httpOnly(true)
			.build();
	}

}
