package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import dev.threadlab.dashboard.race.RacePresets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tour at {@code /tour} in real headless Chromium, with the real blocking-app and
 * reactive-app started from their jars: both languages, every button wired to its race,
 * and two races run for real to their result.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TourBrowserTests {

	private static final double TIMEOUT_MS = 20_000;

	/** A full race: the shared counter's 200 requests on a busy build machine. */
	private static final double RACE_TIMEOUT_MS = 120_000;

	private static final Path SCREENSHOTS = Path.of("target");

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3\\u1100-\\u11FF\\u3130-\\u318F]");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static BrowserLab lab;

	private static Browser browser;

	@LocalServerPort
	private int port;

	private final List<String> consoleErrors = new ArrayList<>();

	private BrowserContext context;

	@BeforeAll
	static void startTheLab() throws IOException, InterruptedException {
		lab = BrowserLab.start("threadlab-tour");
		browser = lab.browser();
	}

	@DynamicPropertySource
	static void labUrls(DynamicPropertyRegistry registry) {
		BrowserLab.register(registry, () -> lab);
	}

	@AfterAll
	static void stopTheLab() {
		if (lab != null) {
			lab.close();
		}
	}

	@BeforeEach
	void openBrowser() {
		this.context = browser.newContext(1200, 1000);
	}

	@AfterEach
	void closeBrowser() {
		this.context.close();
	}

	@Test
	void dashboardLinksToTheTour() {
		Page page = open(this.context, "/");
		page.click("[data-testid=tour-link]");
		page.waitForSelector("section.stop");
		assertThat(page.url()).endsWith("/tour");
		assertThat(page.locator("section.stop").count()).isEqualTo(13);
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	void inKoreanTheTourShowsNoEnglishSentenceOfTheEnglishBundle() {
		BrowserContext korean = browser.newContext(1200, 1000, "ko-KR");
		try {
			Page page = open(korean, "/tour");
			assertThat(page.getAttribute("html", "lang")).isEqualTo("ko");
			String text = visibleText(page);
			assertThat(text).containsPattern(HANGUL).contains(MessageBundles.KO.get("tour.page.lede"));
			assertThat(MessageBundles.englishPhrases()).allSatisfy((phrase) -> assertThat(text).doesNotContain(phrase));
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tour-ko.png")).setFullPage(true));
			assertThat(this.consoleErrors).isEmpty();
		}
		finally {
			korean.close();
		}
	}

	@Test
	void inEnglishTheTourShowsNoHangul() {
		Page page = open(this.context, "/tour");
		assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
		String text = visibleText(page);
		assertThat(text).contains(MessageBundles.EN.get("tour.page.lede")).doesNotContainPattern(HANGUL);
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tour-en.png")).setFullPage(true));
		assertThat(this.consoleErrors).isEmpty();
	}

	/**
	 * Every button posts its own race and shows the result it is given: the dashboard's
	 * race API is stood in for here, so that thirteen races need not run (two do, below).
	 * A stop whose preset is not in this build has no button to press, and says so.
	 */
	@Test
	void everyTourButtonStartsItsExperimentAndShowsItsResult() {
		Map<String, JsonNode> posted = new ConcurrentHashMap<>();
		Page page = this.context.newPage();
		watch(page);
		page.route("**/api/races", (route) -> {
			JsonNode body = JSON.readTree(route.request().postData());
			String id = "fake-" + posted.size();
			posted.put(id, body);
			route.fulfill(new Route.FulfillOptions().setStatus(202)
				.setContentType("application/json")
				.setBody("{\"id\": \"" + id + "\"}"));
		});
		page.route("**/api/races/current",
				(route) -> route.fulfill(new Route.FulfillOptions().setStatus(200)
					.setContentType("application/json")
					.setBody(finishedRace("fake-" + (posted.size() - 1)))));
		page.navigate(url("/tour"));
		Locator stops = page.locator("section.stop");
		int runnable = 0;
		for (int i = 0; i < stops.count(); i++) {
			Locator stop = stops.nth(i);
			Locator button = stop.locator("button.run");
			String race = stop.getAttribute("data-race");
			JsonNode expected = JSON.readTree(race);
			if (expected.has("preset") && RacePresets.find(expected.get("preset").asString()).isEmpty()) {
				assertThat(button.isDisabled()).as(stop.getAttribute("id")).isTrue();
				assertThat(stop.locator(".missing").innerText()).contains(expected.get("preset").asString());
				continue;
			}
			runnable++;
			button.click();
			stop.locator("[data-testid=result] li[data-app=blocking]").waitFor();
			assertThat(posted).as(stop.getAttribute("id")).containsValue(expected);
			assertThat(stop.locator("[data-testid=result]").innerText()).contains("blocking", "reactive");
		}
		assertThat(runnable).as("the tour's own races and the dashboard's").isGreaterThanOrEqualTo(11);
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	void theSharedCounterRaceShowsExpectedAgainstCounted() {
		Page page = open(this.context, "/tour");
		String result = run(page, "shared-state");
		for (String app : List.of("blocking", "reactive")) {
			String line = page.locator("#shared-state [data-testid=result] li[data-app=" + app + "]").innerText();
			Matcher counts = Pattern.compile("expected ([\\d,]+), counted ([\\d,]+), lost ([\\d,]+)").matcher(line);
			assertThat(counts.find()).as(line).isTrue();
			long expected = Long.parseLong(counts.group(1).replace(",", ""));
			long counted = Long.parseLong(counts.group(2).replace(",", ""));
			assertThat(expected).as(line).isEqualTo(200_000);
			assertThat(counted).as(line).isPositive().isLessThanOrEqualTo(expected);
		}
		assertThat(result).doesNotContain("failed");
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	void theAbcRaceShowsTheAnswersOutOfOrder() {
		Page page = open(this.context, "/tour");
		run(page, "time-slicing");
		for (String app : List.of("blocking", "reactive")) {
			assertThat(page.locator("#time-slicing [data-testid=result] li[data-app=" + app + "]").innerText())
				.contains("C → B → A");
		}
		assertThat(this.consoleErrors).isEmpty();
	}

	/**
	 * The page's text without the language switch, which names each language in itself
	 * (한국어 on the English page) on purpose.
	 */
	private static String visibleText(Page page) {
		return (String) page.evaluate("() => { const nav = document.getElementById('language');"
				+ " nav.style.display = 'none'; const text = document.body.innerText;"
				+ " nav.style.display = ''; return text; }");
	}

	/** Presses a stop's button and waits until its race is over. */
	private static String run(Page page, String stop) {
		page.click("#" + stop + " button.run");
		page.waitForSelector("#" + stop + "[data-finished=true]",
				new Page.WaitForSelectorOptions().setTimeout(RACE_TIMEOUT_MS));
		return page.locator("#" + stop + " [data-testid=result]").innerText();
	}

	/**
	 * A finished race as /api/races/current answers it, with one result per app (one leg
	 * each).
	 */
	private static String finishedRace(String id) {
		String summary = """
				{"app": "%s", "answered": 1, "failed": 0, "arrivalOrder": ["r1"], "completionOrder": ["r1"],
				 "threads": 1, "totalMs": 1000.0, "maxWaitingMs": 0.0, "probes": 0, "probeMedianMs": -1,
				 "probeMaxMs": -1, "counter": null, "leg": "%1$s"}""";
		String result = """
				{"app": "%s", "leg": "%1$s", "index": 0, "label": "r1", "sentMs": 0.0, "latencyMs": 1000.0, "status": 200,
				 "trace": null, "waitingMs": 0.0, "servedMs": 1000.0, "error": null, "probe": false}""";
		return """
				{"info": {"id": "%s", "plan": {"id": "x", "groups": [{"count": 1}], "concurrency": 1,
				  "oneAppAtATime": false}, "apps": ["blocking", "reactive"], "startedAt": "2026-11-30T00:00:00Z",
				  "curl": {}, "legs": [{"key": "blocking", "app": "blocking", "tomcatThreads": null},
				  {"key": "reactive", "app": "reactive", "tomcatThreads": null}]},
				 "running": false, "results": [%s, %s], "summaries": [%s, %s]}""".formatted(id,
				result.formatted("blocking"), result.formatted("reactive"), summary.formatted("blocking"),
				summary.formatted("reactive"));
	}

	private Page open(BrowserContext context, String path) {
		Page page = context.newPage();
		watch(page);
		page.navigate(url(path));
		return page;
	}

	private void watch(Page page) {
		page.setDefaultTimeout(TIMEOUT_MS);
		page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				this.consoleErrors.add(message.text());
			}
		});
		page.onPageError((error) -> this.consoleErrors.add(error));
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
