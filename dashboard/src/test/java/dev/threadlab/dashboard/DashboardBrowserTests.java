package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Page.WaitForFunctionOptions;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.dashboard.lab.PollCounter;
import dev.threadlab.shared.lab.LabProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in real headless Chromium, watching the real blocking-app and
 * reactive-app started from their jars.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTests {

	private static final double TIMEOUT_MS = 20_000;

	/** Where the screenshots of the page in each language go. */
	private static final Path SCREENSHOTS = Path.of("target");

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3\\u1100-\\u11FF\\u3130-\\u318F]");

	private static Path workDir;

	private static Path reactiveJar;

	private static LabProcess blocking;

	private static LabProcess reactive;

	private static Browser browser;

	@LocalServerPort
	private int port;

	@Autowired
	private PollCounter polls;

	@Autowired
	private List<LabApp> apps;

	@Autowired
	private LabProperties properties;

	private final List<String> consoleErrors = new ArrayList<>();

	private final List<String> requested = new ArrayList<>();

	private BrowserContext context;

	@BeforeAll
	static void startTheLab() throws IOException, InterruptedException {
		require(Browser.available(), "no Chromium at " + Browser.CHROMIUM);
		// Missing or stale, a jar fails the test: it would run code that is not this.
		Path blockingJar = AppJars.blocking();
		reactiveJar = AppJars.reactive();
		workDir = Files.createTempDirectory("threadlab-e2e");
		// With its knobs on, as run.sh starts it, so the page can resize its thread pool.
		blocking = LabProcess.start("blocking", Path.of(System.getProperty("java.home"), "bin", "java"), blockingJar, 0,
				workDir, List.of("--lab.knobs.enabled=true"));
		reactive = LabProcess.start("reactive", reactiveJar, 0, workDir);
		browser = Browser.launch();
	}

	@DynamicPropertySource
	static void labUrls(DynamicPropertyRegistry registry) {
		registry.add("lab.blocking-url", () -> blocking.url());
		registry.add("lab.reactive-url", () -> reactive.url());
		registry.add("lab.apps", () -> "blocking,reactive");
	}

	@AfterAll
	static void stopTheLab() {
		if (browser != null) {
			browser.close();
		}
		if (reactive != null) {
			reactive.close();
		}
		if (blocking != null) {
			blocking.close();
		}
	}

	@BeforeEach
	void openBrowser() {
		this.context = browser.newContext(1400, 1000);
	}

	@AfterEach
	void closeBrowser() {
		this.context.close();
	}

	@Test
	@Order(1)
	void pageLoadsWithoutConsoleErrorsAndBothAppsThreadCountsUpdate() {
		Page page = open();
		for (String app : List.of("blocking", "reactive")) {
			page.waitForSelector("#app-" + app + "[data-status='up']");
			String first = page.getAttribute("#app-" + app, "data-sampled-at");
			page.waitForFunction("([app, first]) => document.getElementById('app-' + app).dataset.sampledAt !== first",
					List.of(app, first), new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
			assertThat(Integer.parseInt(page.textContent("#app-" + app + " [data-testid=live]"))).isPositive();
		}
		assertThat(page.textContent("#app-blocking .model")).isEqualTo("thread-per-request");
		assertThat(page.textContent("#app-reactive .model")).isEqualTo(MessageBundles.EN.get("app.model.event-loop"));
		page.waitForTimeout(1_000);
		assertThat(this.consoleErrors).isEmpty();
		// Charts and scripts come from the dashboard itself: the page works offline.
		assertThat(this.requested).isNotEmpty()
			.allSatisfy((url) -> assertThat(url).matches("(" + dashboardUrl() + "|data:).*"));
		assertThat(this.requested).anyMatch((url) -> url.contains("/webjars/uplot/"));
	}

	@Test
	@Order(2)
	void racePresetShowsBothAppsCompletionOrders() {
		Page page = open();
		page.waitForSelector("#app-reactive[data-status='up']");
		page.click("button.preset[data-preset='abc']");
		for (String app : List.of("blocking", "reactive")) {
			page.waitForFunction(
					"(app) => document.querySelector('#app-' + app + ' [data-testid=completion-order]').textContent"
							+ ".includes('C → B → A')",
					app, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
			assertThat(page.textContent("#app-" + app + " [data-testid=race-summary]")).startsWith("3 answered");
		}
		assertThat(page.textContent("[data-testid=curl-text]")).contains(blocking.url() + "/api/items/1?delayMs=3000");
		assertThat(page.textContent("[data-testid=race-status]")).contains("finished");
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(3)
	void twoBrowsersOpenStillMeanAFewPollsASecondPerApp() {
		Page first = open();
		Page second = this.context.browser().newContext().newPage();
		second.navigate(dashboardUrl());
		first.waitForSelector("#app-reactive[data-status='up']");
		second.waitForSelector("#app-reactive[data-status='up']");
		long[] before = this.apps.stream().mapToLong(this.polls::count).toArray();
		first.waitForTimeout(4_000);
		long[] after = this.apps.stream().mapToLong(this.polls::count).toArray();
		// One poller per app ticks 1000/interval times a second; one per browser would
		// tick twice as often.
		double oneTicker = 1000.0 / this.properties.pollInterval().toMillis();
		for (int i = 0; i < before.length; i++) {
			double perSecond = (after[i] - before[i]) / 4.0;
			assertThat(perSecond).as("ticks a second at " + this.apps.get(i).name())
				.isPositive()
				.isLessThanOrEqualTo(1.5 * oneTicker);
		}
		second.context().close();
	}

	@Test
	@Order(4)
	void anAppThatStopsShowsAsDownWhileTheOtherKeepsUpdatingAndComesBackWithoutReload()
			throws IOException, InterruptedException {
		Page page = open();
		page.waitForSelector("#app-reactive[data-status='up']");
		int reactivePort = reactive.port();
		reactive.close();
		page.waitForSelector("#app-reactive[data-status='down']");
		assertThat(page.textContent("#app-reactive [data-testid=down-note]")).contains("Down");
		String blockingSample = page.getAttribute("#app-blocking", "data-sampled-at");
		page.waitForFunction("(first) => document.getElementById('app-blocking').dataset.sampledAt !== first",
				blockingSample, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
		assertThat(page.getAttribute("#app-blocking", "data-status")).isEqualTo("up");
		reactive = LabProcess.start("reactive-again", reactiveJar, reactivePort, workDir);
		page.waitForSelector("#app-reactive[data-status='up']",
				new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(TIMEOUT_MS));
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(5)
	void aSleepOnTheEventLoopHoldsUpItsProbesAndOffloadingTheSleepFreesThem() {
		Page page = open();
		page.waitForSelector("#app-reactive[data-status='up']");
		race(page, "sleep-on-loop", "Blocking sleeps on the event loop");
		// Four 2 s sleeps hold the event loops: a probe sent meanwhile waits for one to
		// wake. Tomcat gives each sleeper its own thread, and the probes go by.
		assertThat(probeMaxMs(page, "reactive")).isGreaterThanOrEqualTo(1_000);
		assertThat(probeMaxMs(page, "blocking")).isLessThan(1_000);
		assertThat(page.textContent("#app-reactive [data-testid=probe]")).contains("Probes: 15");
		race(page, "sleep-offloaded", "The same sleeps, offloaded");
		assertThat(probeMaxMs(page, "reactive")).isLessThan(1_000);
		assertThat(page.getAttribute("#app-reactive [data-testid=probe]", "class")).contains("fast");
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(6)
	void holdingTheConnectionsShowsEachPoolFullWithRequestsWaiting() {
		Page page = open();
		page.waitForSelector("#app-reactive[data-status='up']");
		// The page is polled every 500 ms; a sampler in the page keeps the most waiting
		// seen per app, so a short peak between two looks is not missed.
		page.evaluate("() => { window.mostWaiting = {}; setInterval(() => { "
				+ "for (const line of document.querySelectorAll('[data-testid=db-pool]')) { "
				+ "const app = line.closest('article').dataset.app; "
				+ "window.mostWaiting[app] = Math.max(window.mostWaiting[app] || 0, Number(line.dataset.pending || 0)); "
				+ "} }, 50); }");
		race(page, "pool-hold", "30 reads that hold a connection for 1 s");
		for (String app : List.of("blocking", "reactive")) {
			int mostWaiting = ((Number) page.evaluate("(app) => window.mostWaiting[app]", app)).intValue();
			assertThat(mostWaiting).as(app + ": most requests seen waiting for a connection").isBetween(1, 20);
			// Ten connections for thirty 1 s requests: three waves.
			assertThat(raceSeconds(page, app)).as(app).isGreaterThanOrEqualTo(2.5);
			assertThat(page.textContent("#app-" + app + " [data-testid=db-pool]")).contains("of 10 connections in use");
		}
	}

	@Test
	@Order(7)
	void theKnobRunsTheSameRaceOnFewerTomcatThreads() {
		Page page = open();
		page.waitForSelector("#app-reactive[data-status='up']");
		page.waitForSelector("#app-blocking [data-testid=knob][data-state='on']");
		// Nothing to resize on the event loop.
		assertThat(page.isHidden("#app-reactive [data-testid=knob]")).isTrue();
		try {
			page.click("#app-blocking button.knob-set[data-max='20']");
			page.waitForSelector("#app-blocking [data-testid=knob][data-max='20']");
			race(page, "waves-40", "40 requests of 0.5 s: try 200, 20, 2 threads");
			// Twenty threads for forty 0.5 s requests: two waves.
			assertThat(page.textContent("#app-blocking [data-testid=race-summary]"))
				.startsWith("40 answered by 20 threads");
			assertThat(raceSeconds(page, "blocking")).isGreaterThanOrEqualTo(0.95);
		}
		finally {
			page.click("#app-blocking button.knob-set[data-max='200']");
			page.waitForSelector("#app-blocking [data-testid=knob][data-max='200']");
		}
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(8)
	void inKoreanThePageShowsNoEnglishSentenceOfTheEnglishBundle() {
		BrowserContext korean = browser.newContext(1400, 1000, "ko-KR");
		try {
			Page page = open(korean);
			assertThat(page.getAttribute("html", "lang")).isEqualTo("ko");
			showEveryLine(page);
			String text = visibleText(page);
			assertThat(text).containsPattern(HANGUL).contains(MessageBundles.KO.get("page.lede"));
			assertThat(MessageBundles.englishPhrases()).hasSizeGreaterThan(50)
				.allSatisfy((phrase) -> assertThat(text).doesNotContain(phrase));
			page.screenshot(
					new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-ko.png")).setFullPage(true));
			assertThat(this.consoleErrors).isEmpty();
		}
		finally {
			korean.close();
		}
	}

	@Test
	@Order(9)
	void inEnglishThePageShowsNoHangul() {
		Page page = open();
		assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
		showEveryLine(page);
		String text = visibleText(page);
		assertThat(text).contains(MessageBundles.EN.get("page.lede")).doesNotContainPattern(HANGUL);
		page.screenshot(
				new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-en.png")).setFullPage(true));
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(10)
	void theLanguageSwitchOutlivesAReloadAndANewVisit() {
		Page page = open();
		assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
		page.click("[data-testid=language] a[data-lang='ko']");
		page.waitForSelector("html[lang='ko']");
		page.reload();
		assertThat(page.getAttribute("html", "lang")).isEqualTo("ko");
		page.navigate(dashboardUrl());
		assertThat(page.getAttribute("html", "lang")).isEqualTo("ko");
		assertThat(page.textContent(".lede")).isEqualTo(MessageBundles.KO.get("page.lede"));
		page.waitForSelector("#app-blocking[data-status='up']");
		assertThat(page.textContent("#app-blocking [data-testid=status]"))
			.isEqualTo(MessageBundles.KO.get("card.status.up"));
		page.click("[data-testid=language] a[data-lang='en']");
		page.waitForSelector("html[lang='en']");
		page.navigate(dashboardUrl());
		assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
		assertThat(page.textContent(".lede")).isEqualTo(MessageBundles.EN.get("page.lede"));
		assertThat(this.consoleErrors).isEmpty();
	}

	/**
	 * Brings every line the scripts write onto the page: both apps up, a finished race
	 * with its summaries, completion orders and the curl commands.
	 */
	private static void showEveryLine(Page page) {
		page.waitForSelector("#app-blocking[data-status='up']");
		page.waitForSelector("#app-reactive[data-status='up']");
		page.waitForSelector("#app-blocking [data-testid=knob][data-state='on']");
		page.click("button.preset[data-preset='abc']");
		page.waitForFunction(
				"() => [...document.querySelectorAll('[data-testid=completion-order]')]"
						+ ".every((line) => line.textContent.includes('C → B → A'))",
				null, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
		page.waitForFunction("() => [...document.querySelectorAll('[data-testid=race-summary]')]"
				+ ".every((s) => s.textContent && !s.textContent.endsWith('…'))"
				+ " && !document.querySelector('button.preset').disabled");
	}

	/**
	 * What a reader sees, as the browser lays it out. The switch is left out: it names
	 * each language in itself, so a reader finds theirs whatever the page speaks.
	 */
	private static String visibleText(Page page) {
		return (String) page.evaluate("() => { const nav = document.getElementById('language');"
				+ " nav.style.display = 'none'; const text = document.body.innerText;"
				+ " nav.style.display = ''; return text; }");
	}

	/** Runs a preset and waits until every app has every answer in. */
	private static void race(Page page, String preset, String title) {
		page.click("button.preset[data-preset='" + preset + "']");
		page.waitForFunction(
				"(title) => document.querySelector('[data-testid=race-status]').textContent"
						+ ".startsWith('“' + title + '” finished')",
				title, new WaitForFunctionOptions().setTimeout(60_000));
		// The cards are drawn a few times a second: wait for the frame with every answer.
		page.waitForFunction("() => [...document.querySelectorAll('[data-testid=race-summary]')]"
				+ ".every((s) => s.textContent && !s.textContent.endsWith('…'))");
	}

	private static double probeMaxMs(Page page, String app) {
		return Double.parseDouble(page.getAttribute("#app-" + app + " [data-testid=probe]", "data-max-ms"));
	}

	/** The seconds from a race's start to an app's last answer, from its summary. */
	private static double raceSeconds(Page page, String app) {
		String summary = page.textContent("#app-" + app + " [data-testid=race-summary]");
		Matcher seconds = Pattern.compile(" in ([0-9.]+) s").matcher(summary);
		assertThat(seconds.find()).as(summary).isTrue();
		return Double.parseDouble(seconds.group(1));
	}

	private Page open() {
		return open(this.context);
	}

	private Page open(BrowserContext context) {
		Page page = context.newPage();
		page.setDefaultTimeout(TIMEOUT_MS);
		page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				this.consoleErrors.add(message.text());
			}
		});
		page.onPageError((error) -> this.consoleErrors.add(error));
		page.onRequest((request) -> this.requested.add(request.url()));
		page.navigate(dashboardUrl());
		return page;
	}

	private String dashboardUrl() {
		return "http://127.0.0.1:" + this.port + "/";
	}

	/**
	 * Skips the tests when something they need is missing, except on CI, where a missing
	 * browser or app must fail the build rather than pass it unseen.
	 */
	private static void require(boolean present, String what) {
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(what);
		}
		assumeTrue(present, what);
	}

}
