package dev.threadlab.dashboard;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboard's two message bundles as the tests read them: straight from the sources,
 * in UTF-8, as Spring reads them.
 */
public final class MessageBundles {

	/** Where the bundles, templates and scripts are. */
	public static final Path RESOURCES = Path.of("src/main/resources");

	/** The English bundle, key by key. */
	public static final Map<String, String> EN = bundle("messages.properties");

	/** The Korean bundle, key by key. */
	public static final Map<String, String> KO = bundle("messages_ko.properties");

	/** A MessageFormat placeholder. */
	public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

	private MessageBundles() {
	}

	/**
	 * The English a Korean page must not show: each text between placeholders that is
	 * three words or more, markup removed, unless the Korean says the very same.
	 * @return English sentences and phrases
	 */
	public static Set<String> englishPhrases() {
		Set<String> phrases = new TreeSet<>();
		EN.forEach((key, english) -> {
			for (String part : PLACEHOLDER.split(english.replaceAll("<[^>]+>", ""))) {
				String phrase = part.strip();
				if (words(phrase) >= 3 && !phrase.equals(KO.get(key))) {
					phrases.add(phrase);
				}
			}
		});
		return phrases;
	}

	/**
	 * How many words of Latin letters a message has, placeholders aside.
	 * @param message a message
	 * @return its words with two letters or more
	 */
	public static long words(String message) {
		return Stream.of(PLACEHOLDER.matcher(message).replaceAll(" ").split("\\s+"))
			.filter((word) -> word.matches(".*[A-Za-z]{2,}.*"))
			.count();
	}

	private static Map<String, String> bundle(String name) {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read " + name, ex);
		}
		Map<String, String> bundle = new LinkedHashMap<>();
		properties.stringPropertyNames()
			.stream()
			.sorted()
			.forEach((key) -> bundle.put(key, properties.getProperty(key)));
		return bundle;
	}

}
