package dev.threadlab.dashboard;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dashboard's message bundles as the tests read them: straight from the sources, in
 * UTF-8, as Spring reads them. Every basename in {@code spring.messages.basename} counts;
 * {@link #EN} and {@link #KO} are their union per language.
 */
public final class MessageBundles {

	/** Where the bundles, templates and scripts are. */
	public static final Path RESOURCES = Path.of("src/main/resources");

	/** The basenames Spring is told to read, {@code messages} first. */
	public static final List<String> BASENAMES = basenames();

	/** Every English bundle, key by key. */
	public static final Map<String, String> EN = union("");

	/** Every Korean bundle, key by key. */
	public static final Map<String, String> KO = union("_ko");

	/** A MessageFormat placeholder. */
	public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+}");

	private MessageBundles() {
	}

	private static List<String> basenames() {
		Map<String, String> properties = bundle("application.properties");
		return Stream.of(properties.get("spring.messages.basename").split(",")).map(String::strip).toList();
	}

	private static Map<String, String> union(String suffix) {
		Map<String, String> all = new TreeMap<>();
		BASENAMES.forEach((basename) -> all.putAll(bundle(basename + suffix + ".properties")));
		return all;
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

	/**
	 * One bundle, key by key.
	 * @param name its file under {@link #RESOURCES}, such as
	 * {@code i18n/costs_ko.properties}
	 * @return its keys, sorted, with their values
	 */
	public static Map<String, String> bundle(String name) {
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
