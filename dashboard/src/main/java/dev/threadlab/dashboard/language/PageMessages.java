package dev.threadlab.dashboard.language;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The bundles as the page's scripts read them: every key of every base bundle named in
 * {@code spring.messages.basename}, resolved for one language, as JSON for a
 * {@code <script type="application/json">}. The values stay patterns ({@code {0}},
 * {@code ''}); {@code i18n.js} fills them in.
 */
@Component
public class PageMessages {

	private final MessageSource messages;

	private final JsonMapper json;

	private final List<String> keys;

	PageMessages(MessageSource messages, JsonMapper json, @Value("${spring.messages.basename}") String basenames) {
		this.messages = messages;
		this.json = json;
		this.keys = keys(basenames);
	}

	/**
	 * Every message in one language, unformatted.
	 * @param locale the page's language
	 * @return each key with its pattern
	 */
	public Map<String, String> all(Locale locale) {
		Map<String, String> all = new LinkedHashMap<>();
		for (String key : this.keys) {
			all.put(key, this.messages.getMessage(key, null, key, locale));
		}
		return all;
	}

	/**
	 * Every message in one language as JSON that is safe inside a script element.
	 * @param locale the page's language
	 * @return a JSON object
	 */
	public String json(Locale locale) {
		// "</script>" inside a value would end the element early; \u003c is the same
		// character to JSON.
		return this.json.writeValueAsString(all(locale)).replace("<", "\\u003c");
	}

	/**
	 * The keys of the base (English) bundles: the other languages have the same keys, as
	 * {@code MessageBundlesTests} checks.
	 */
	private static List<String> keys(String basenames) {
		Set<String> keys = new TreeSet<>();
		for (String basename : StringUtils.commaDelimitedListToStringArray(basenames)) {
			String base = basename.strip() + ".properties";
			try {
				keys.addAll(PropertiesLoaderUtils.loadProperties(new ClassPathResource(base)).stringPropertyNames());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("the dashboard needs its " + base, ex);
			}
		}
		return List.copyOf(keys);
	}

}
