package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Page.WaitForFunctionOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event loop lanes in real headless Chromium, watching the real blocking-app and
 * reactive-app: a sleep on a loop shows as a red bar on that loop's lane, and goes when
 * the loop is free again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopLanesBrowserTests {

	private static final double TIMEOUT_MS = 20_000;

	private static final String HELD_BAR = "#loops-reactive [data-testid=loop-held]:not([hidden])";

	private static BrowserLab lab;

	private static Browser browser;

	@LocalServerPort
	private int port;

	private final List<String> consoleErrors = new ArrayList<>();

	private BrowserContext context;

	@BeforeAll
	static void startTheLab() throws IOException, InterruptedException {
		lab = BrowserLab.start("threadlab-loops-e2e");
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
		this.context = browser.newContext(1400, 1000);
	}

	@AfterEach
	void closeBrowser() {
		this.context.close();
	}

	@Test
	@Order(1)
	void everyEventLoopHasALaneAndTomcatShowsItsRequestPool() {
		Page page = open(this.context);
		waitForLanes(page);
		int loops = page.locator("#loops-reactive [data-testid=lane]").count();
		assertThat(loops).isGreaterThanOrEqualTo(4);
		assertThat(page.locator("#loops-reactive [data-testid=lane]").first().getAttribute("data-thread"))
			.startsWith("reactor-http-");
		page.waitForFunction("() => document.querySelector('#loops-blocking [data-testid=loop-line]')"
				+ ".textContent.includes(' of 200 ')");
		// Tomcat has no event loop: no lanes, only where its requests wait.
		assertThat(page.locator("#loops-blocking [data-testid=lane]").count()).isZero();
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(2)
	void aSleepOnTheEventLoopShowsItsLoopHeldInRedUntilTheSleepEnds() {
		Page page = open(this.context);
		waitForLanes(page);
		page.click("button.preset[data-preset='sleep-on-loop']");
		String[] held = heldWhileShown(page);
		assertThat(held[0]).matches("loop \\d+ held for \\d+\\.\\d s");
		assertThat(held[1]).contains("held for");
		page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "loops-held-en.png")).setFullPage(true));
		// Two 2 s sleeps: within a few seconds of the race's end every loop is free.
		page.waitForFunction(
				"() => document.querySelector('[data-testid=race-status]').textContent.includes('finished')", null,
				new WaitForFunctionOptions().setTimeout(60_000));
		page.waitForFunction("(bar) => !document.querySelector(bar) && document"
				+ ".querySelector('#loops-reactive [data-testid=loops-held]').textContent.startsWith('No loop held')",
				HELD_BAR, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS));
		assertThat(this.consoleErrors).isEmpty();
	}

	@Test
	@Order(3)
	void inKoreanTheHeldLoopIsNamedInKorean() {
		BrowserContext korean = browser.newContext(1400, 1000, "ko-KR");
		try {
			Page page = open(korean);
			waitForLanes(page);
			page.click("button.preset[data-preset='sleep-on-loop']");
			assertThat(heldWhileShown(page)[0]).matches("루프 \\d+: \\d+\\.\\d초째 붙잡힘");
			page.screenshot(
					new Page.ScreenshotOptions().setPath(Path.of("target", "loops-held-ko.png")).setFullPage(true));
			page.waitForFunction("() => !document.querySelector('button.preset').disabled", null,
					new WaitForFunctionOptions().setTimeout(60_000));
			assertThat(this.consoleErrors).isEmpty();
		}
		finally {
			korean.close();
		}
	}

	private static void waitForLanes(Page page) {
		page.waitForSelector("#app-reactive[data-status='up']");
		page.waitForFunction("() => document.querySelectorAll('#loops-reactive [data-testid=lane]').length >= 4");
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

	/**
	 * The held bar's text and the lane's line, read in the same instant the bar shows: a
	 * bar that first shows late in a 2 s hold may be gone again before a second read.
	 */
	private static String[] heldWhileShown(Page page) {
		Object texts = page
			.waitForFunction("(bar) => { const shown = document.querySelector(bar); return shown"
					+ " && [shown.textContent, document.querySelector('#loops-reactive [data-testid=loops-held]')"
					+ ".textContent]; }", HELD_BAR, new WaitForFunctionOptions().setTimeout(TIMEOUT_MS))
			.jsonValue();
		return ((List<?>) texts).stream().map(String::valueOf).toArray(String[]::new);
	}

}
