package dev.threadlab.dashboard.language;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The languages the dashboard speaks. English is the base bundle, so it is also what any
 * other language falls back to.
 */
public enum Language {

	/** The base bundle, {@code messages.properties}. */
	EN(Locale.ENGLISH),

	/** {@code messages_ko.properties}. */
	KO(Locale.KOREAN);

	/** The language for anything the dashboard does not speak. */
	public static final Language FALLBACK = EN;

	private final Locale locale;

	Language(Locale locale) {
		this.locale = locale;
	}

	/**
	 * The locale messages are resolved in.
	 * @return a language-only locale
	 */
	public Locale locale() {
		return this.locale;
	}

	/**
	 * The tag used in {@code ?lang=}, the cookie and {@code <html lang>}.
	 * @return {@code en} or {@code ko}
	 */
	public String tag() {
		return this.locale.getLanguage();
	}

	/**
	 * The language a tag names, if the dashboard speaks it.
	 * @param tag a language tag such as {@code ko}, {@code ko-KR} or {@code en}
	 * @return the language, or empty for anything else
	 */
	public static Optional<Language> of(@Nullable String tag) {
		if (tag == null || tag.isBlank()) {
			return Optional.empty();
		}
		String language = Locale.forLanguageTag(tag.trim()).getLanguage();
		return List.of(values()).stream().filter((candidate) -> candidate.tag().equals(language)).findFirst();
	}

	/**
	 * The best language for an {@code Accept-Language} list, in the reader's order.
	 * @param wanted the locales the browser asked for, most wanted first
	 * @return the first one the dashboard speaks, else {@link #FALLBACK}
	 */
	public static Language best(List<Locale> wanted) {
		return wanted.stream()
			.map((locale) -> of(locale.toLanguageTag()))
			.flatMap(Optional::stream)
			.findFirst()
			.orElse(FALLBACK);
	}

}
