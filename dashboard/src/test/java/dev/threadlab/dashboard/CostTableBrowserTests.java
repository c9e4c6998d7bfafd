package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Page.WaitForFunctionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each model costs, in real headless Chromium against the real blocking-app and
 * reactive-app: the live cost line on each card, and the cost table after a race.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CostTableBrowserTests {

	private static final double TIMEOUT_MS = 30_000;

	private static final List<String> APPS = List.of("blocking", "reactive");

	private static BrowserLab lab;

	private static Browser browser;

	@LocalServerPort
	private int port;

	private final List<String> consoleErrors = new ArrayList<>();

	@BeforeAll
	static void startTheLab() throws IOException, InterruptedException {
		lab = BrowserLab.start("threadlab-costs-e2e");
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

	@Test
	void afterARaceTheCostTableShowsAFigureForEveryAppAndEachCardItsCostLine() {
		try (BrowserContext context = browser.newContext(1400, 1000)) {
			Page page = open(context);
			for (String app : APPS) {
				// A rate needs two reads; then every figure is there, none a dash (Linux,
				// NMT on as LabProcess starts the apps).
				page.waitForFunction(
						"(app) => { const line = document.querySelector('#app-' + app + ' .cost-line');"
								+ " return line.dataset.state === 'up' && !line.textContent.includes('…'); }",
						app, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
				for (String cost : List.of("cpu", "switches", "stacks", "rss")) {
					String text = page.textContent("#app-" + app + " .cost-line [data-cost=" + cost + "]");
					assertThat(text).as(app + " " + cost).containsPattern("\\d").doesNotContain("—");
				}
			}
			raceAndWaitForTheCostTable(page);
			for (String row : List.of("lastAnswer", "requests", "cpuMsPerRequest", "voluntaryPerRequest",
					"involuntaryPerRequest", "peakStacks", "peakRss", "peakPlatformThreads", "peakVirtualThreads")) {
				for (String app : APPS) {
					String text = page.textContent("#race-costs tr[data-row=" + row + "] td[data-app=" + app + "]");
					assertThat(text).as(app + " " + row).containsPattern("\\d").doesNotContain("—");
				}
			}
			assertThat(page.textContent("#race-costs tr[data-row=requests] td[data-app=blocking]")).isEqualTo("3");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "costs-en.png")).setFullPage(true));
			assertThat(this.consoleErrors).isEmpty();
		}
	}

	@Test
	void inKoreanTheCostTableAndLineAreInKorean() {
		try (BrowserContext context = browser.newContext(1400, 1000, "ko-KR")) {
			Page page = open(context);
			assertThat(page.getAttribute("html", "lang")).isEqualTo("ko");
			raceAndWaitForTheCostTable(page);
			assertThat(page.textContent("#race-costs h2")).isEqualTo(MessageBundles.KO.get("costs.table.heading"));
			assertThat(page.textContent("#race-costs tr[data-row=cpuMsPerRequest] th"))
				.isEqualTo(MessageBundles.KO.get("costs.table.row.cpuMsPerRequest"));
			page.waitForSelector("#app-blocking .cost-line[data-state=up]");
			assertThat(page.textContent("#app-blocking .cost-line")).contains("상주 메모리");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "costs-ko.png")).setFullPage(true));
			assertThat(this.consoleErrors).isEmpty();
		}
	}

	@Test
	void aRaceWithRoundsGivesEachTomcatThreadCountItsOwnColumnAndTurnsTheKnobBack() {
		try (BrowserContext context = browser.newContext(1400, 1000)) {
			Page page = open(context);
			for (String app : APPS) {
				page.waitForSelector("#app-" + app + "[data-status='up']");
			}
			page.waitForSelector("#app-blocking [data-testid=knob][data-max='200']");
			// From the page itself: the dashboard takes races only from its own origin.
			Object status = page.evaluate("() => fetch('/api/races', { method: 'POST',"
					+ " headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ endpoint: 'items',"
					+ " delayMs: 300, requests: 40, concurrency: 40, tomcatThreads: [10, 40] }) }).then((r) => r.status)");
			assertThat(status).isEqualTo(202);
			// Three legs (blocking on 10 and on 40 threads, then reactive), nine rows
			// each.
			page.waitForFunction("() => document.querySelectorAll('#race-costs td[data-app]').length === 27", null,
					new WaitForFunctionOptions().setTimeout(60_000));
			List<String> legs = List.of("blocking@10", "blocking@40", "reactive");
			assertThat(page.locator("#race-costs thead th[data-app]").allTextContents())
				.containsExactly("blocking on 10 threads", "blocking on 40 threads", "reactive");
			for (String leg : legs) {
				for (String row : List.of("lastAnswer", "requests", "cpuMsPerRequest", "peakStacks", "peakRss",
						"peakPlatformThreads")) {
					String text = page.textContent("#race-costs tr[data-row=" + row + "] td[data-app='" + leg + "']");
					assertThat(text).as(leg + " " + row).containsPattern("\\d").doesNotContain("—");
				}
			}
			// 40 waits of 300 ms take at least four waves on 10 threads, one on 40; and
			// the 40 threads are there to count.
			double on10 = figure(page, "lastAnswer", "blocking@10");
			double on40 = figure(page, "lastAnswer", "blocking@40");
			assertThat(on10).isGreaterThanOrEqualTo(1.2).isGreaterThan(on40);
			assertThat(figure(page, "peakPlatformThreads", "blocking@40"))
				.isGreaterThanOrEqualTo(figure(page, "peakPlatformThreads", "blocking@10") + 20);
			// One line a round on the blocking card, and its knob back where it stood.
			assertThat(page.textContent("#app-blocking [data-testid=race-summary]").lines()).satisfiesExactly(
					(line) -> assertThat(line).startsWith("10 threads: 40 answered"),
					(line) -> assertThat(line).startsWith("40 threads: 40 answered"));
			page.waitForSelector("#app-blocking [data-testid=knob][data-max='200']");
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target", "costs-rounds-en.png")).setFullPage(true));
			// The same race, restored for a reader who opens the Korean page after it.
			page.navigate("http://127.0.0.1:" + this.port + "/?lang=ko");
			page.waitForFunction("() => document.querySelectorAll('#race-costs td[data-app]').length === 27");
			assertThat(page.locator("#race-costs thead th[data-app]").allTextContents()).containsExactly(
					MessageBundles.KO.get("race.leg.threads").replace("{0}", "blocking").replace("{1}", "10"),
					MessageBundles.KO.get("race.leg.threads").replace("{0}", "blocking").replace("{1}", "40"),
					"reactive");
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target", "costs-rounds-ko.png")).setFullPage(true));
			assertThat(this.consoleErrors).isEmpty();
		}
	}

	private static double figure(Page page, String row, String leg) {
		return Double.parseDouble(
				page.textContent("#race-costs tr[data-row=" + row + "] td[data-app='" + leg + "']").replace(",", ""));
	}

	private static void raceAndWaitForTheCostTable(Page page) {
		for (String app : APPS) {
			page.waitForSelector("#app-" + app + "[data-status='up']");
		}
		page.click("button.preset[data-preset='abc']");
		// The costs come about 1 s after the race's last answer.
		page.waitForFunction("() => document.querySelectorAll('#race-costs td[data-app]').length === 18", null,
				new WaitForFunctionOptions().setTimeout(60_000));
		assertThat(page.isVisible("#race-costs")).isTrue();
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
		page.navigate("http://127.0.0.1:" + this.port + "/");
		return page;
	}

}
