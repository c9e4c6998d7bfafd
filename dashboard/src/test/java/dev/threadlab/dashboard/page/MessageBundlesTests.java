package dev.threadlab.dashboard.page;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.threadlab.dashboard.MessageBundles;
import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.dashboard.language.Language;
import dev.threadlab.dashboard.race.RacePlan;
import dev.threadlab.dashboard.race.RacePresets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two bundles say the same things, and everything the page and its scripts ask for is
 * in them.
 */
class MessageBundlesTests {

	private static final Path RESOURCES = MessageBundles.RESOURCES;

	private static final Map<String, String> EN = MessageBundles.EN;

	private static final Map<String, String> KO = MessageBundles.KO;

	/** {@code #{key}} and {@code #{key(args)}} in a template. */
	private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.-]+)");

	/** A quoted text in a script that is shaped like a key of the bundle. */
	private static final Pattern SCRIPT_KEY = Pattern.compile("'([a-z]+(?:\\.[A-Za-z0-9-]+)+)'");

	private static final Pattern PLACEHOLDER = MessageBundles.PLACEHOLDER;

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

	@Test
	void bothBundlesHaveTheSameKeys() {
		assertThat(EN).isNotEmpty();
		assertThat(KO.keySet()).as("keys only in messages_ko.properties").isSubsetOf(EN.keySet());
		assertThat(EN.keySet()).as("keys missing from messages_ko.properties").isSubsetOf(KO.keySet());
	}

	@Test
	void everyKeyLivesInOneBundleOnly() {
		Map<String, String> owner = new HashMap<>();
		for (String basename : MessageBundles.BASENAMES) {
			for (String suffix : List.of("", "_ko")) {
				String file = basename + suffix + ".properties";
				MessageBundles.bundle(file).keySet().forEach((key) -> {
					String other = owner.putIfAbsent(suffix + key, file);
					assertThat(other).as(key + " is in " + other + " and " + file).isNull();
				});
			}
		}
		assertThat(MessageBundles.BASENAMES).first().isEqualTo("messages");
	}

	@Test
	void noMessageIsEmpty() {
		assertThat(EN).allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank());
		assertThat(KO).allSatisfy((key, value) -> assertThat(value).as(key).isNotBlank());
	}

	@Test
	void bothLanguagesFillTheSamePlaceholders() {
		EN.forEach((key, english) -> assertThat(placeholders(KO.getOrDefault(key, ""))).as(key)
			.isEqualTo(placeholders(english)));
	}

	@Test
	void noMessageHoldsAnApostropheThatMessageFormatWouldSwallow() {
		assertThat(EN).allSatisfy((key, value) -> assertThat(value).as(key).doesNotContain("'"));
		assertThat(KO).allSatisfy((key, value) -> assertThat(value).as(key).doesNotContain("'"));
	}

	@Test
	void everyKeyTheTemplatesAskForExists() throws IOException {
		assertThat(keysIn(templates(), TEMPLATE_KEY)).isNotEmpty().allSatisfy(MessageBundlesTests::isInBothBundles);
	}

	@Test
	void everyKeyTheScriptsAskForExists() throws IOException {
		assertThat(scriptKeys()).contains("race.summary.answered", "card.dbPool.inUse", "rank.other")
			.allSatisfy(MessageBundlesTests::isInBothBundles);
	}

	@Test
	void everyKeyFamilyThePageBuildsFromIdsExists() {
		assertThat(families()).allSatisfy(MessageBundlesTests::isInBothBundles);
	}

	@Test
	void everyKeyIsUsedByTheTemplatesOrTheScripts() throws IOException {
		Set<String> used = new TreeSet<>(keysIn(templates(), TEMPLATE_KEY));
		used.addAll(scriptKeys());
		used.addAll(families());
		assertThat(EN.keySet()).as("keys nothing asks for").isSubsetOf(used);
	}

	@Test
	void everyPresetTellsItsStoryInTwoToFourSentences() {
		assertThat(RacePresets.ALL).allSatisfy((plan) -> {
			String story = EN.get("preset." + plan.id() + ".story");
			assertThat(story).as(plan.id()).isNotNull();
			assertThat(story.split("(?<=[.!?]) ")).as(plan.id()).hasSizeBetween(2, 4);
		});
	}

	@Test
	void koreanIsWrittenInKoreanWhereverTheEnglishIsAPhrase() {
		// Three words or more in English are a phrase a reader reads; its Korean must be
		// Korean, not the English left behind.
		EN.forEach((key, english) -> {
			if (MessageBundles.words(english) >= 3) {
				assertThat(KO.get(key)).as(key).containsPattern(HANGUL);
			}
		});
	}

	@Test
	void englishHasNoHangulButKoreansOwnName() {
		EN.forEach((key, english) -> {
			if (!key.equals("page.language.ko")) {
				assertThat(english).as(key).doesNotContainPattern(HANGUL);
			}
		});
	}

	/** The keys the template and scripts build from ids rather than write out. */
	private static Set<String> families() {
		Set<String> keys = new TreeSet<>();
		for (RacePlan plan : RacePresets.ALL) {
			keys.add("preset." + plan.id() + ".title");
			keys.add("preset." + plan.id() + ".story");
		}
		PageController.POOLS.forEach((pool) -> keys.add("pool." + pool));
		for (TourStop stop : TourStop.ALL) {
			for (String part : List.of("title", "text", "button", "figure", "reading")) {
				keys.add("tour.stop." + stop.id() + "." + part);
			}
		}
		PageController.LOAD_COLUMNS.forEach((column) -> keys.add("load.col." + column));
		for (Language language : Language.values()) {
			keys.add("page.language." + language.tag());
		}
		URI here = URI.create("http://127.0.0.1:1");
		LabProperties every = new LabProperties(here, here, here, List.of("blocking", "reactive", "virtual"),
				Duration.ofSeconds(1), Duration.ofSeconds(1), false);
		for (LabApp app : every.labApps()) {
			keys.add("app.model." + app.model());
			keys.add("app.description." + app.name());
		}
		return keys;
	}

	/**
	 * Quoted texts in the scripts shaped like a key; selectors such as 'button.preset'
	 * are not.
	 */
	private static Set<String> scriptKeys() throws IOException {
		Set<String> prefixes = new TreeSet<>();
		EN.keySet().forEach((key) -> prefixes.add(key.substring(0, key.indexOf('.') + 1)));
		Set<String> keys = keysIn(scripts(), SCRIPT_KEY);
		keys.removeIf((key) -> prefixes.stream().noneMatch(key::startsWith));
		return keys;
	}

	private static void isInBothBundles(String key) {
		assertThat(EN).as("messages.properties").containsKey(key);
		assertThat(KO).as("messages_ko.properties").containsKey(key);
	}

	private static Set<String> placeholders(String message) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = PLACEHOLDER.matcher(message);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	private static Set<String> keysIn(List<Path> files, Pattern pattern) throws IOException {
		Set<String> keys = new TreeSet<>();
		for (Path file : files) {
			Matcher matcher = pattern.matcher(Files.readString(file));
			while (matcher.find()) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	private static List<Path> templates() throws IOException {
		return files(RESOURCES.resolve("templates"), ".html");
	}

	private static List<Path> scripts() throws IOException {
		return files(RESOURCES.resolve("static/js"), ".js");
	}

	private static List<Path> files(Path dir, String suffix) throws IOException {
		try (Stream<Path> paths = Files.walk(dir)) {
			List<Path> found = new ArrayList<>(paths.filter((path) -> path.toString().endsWith(suffix)).toList());
			assertThat(found).as(dir + "/*" + suffix).isNotEmpty();
			return found;
		}
	}

}
