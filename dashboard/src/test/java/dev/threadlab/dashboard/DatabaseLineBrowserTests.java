package dev.threadlab.dashboard;

import java.nio.file.Path;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each card says which database its app runs on, from the samples' {@code dbPool}: a
 * PostgreSQL server with its address, or H2 in the app, and the pool's size; in English
 * and in Korean. Against stub apps, so no database is needed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DatabaseLineBrowserTests {

	private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

	private static StubApp blocking;

	private static StubApp reactive;

	private static Browser browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startStubs() {
		if (!Browser.available()) {
			String message = "no Chromium at " + Browser.CHROMIUM;
			if ("true".equals(System.getenv("CI"))) {
				fail(message);
			}
			assumeTrue(false, message);
		}
		blocking = StubApp.start("blocking");
		blocking.dbPool("""
				{"name":"hikari","active":25,"idle":0,"pending":7,"max":25,"database":"postgresql",\
				"address":"127.0.0.1:5432"}""");
		reactive = StubApp.start("reactive");
		reactive.dbPool("""
				{"name":"r2dbc","active":0,"idle":10,"pending":0,"max":10,"database":"h2","address":null}""");
		browser = Browser.launch();
	}

	@DynamicPropertySource
	static void labUrls(DynamicPropertyRegistry registry) {
		registry.add("lab.blocking-url", () -> blocking.labApp().url());
		registry.add("lab.reactive-url", () -> reactive.labApp().url());
		registry.add("lab.apps", () -> "blocking,reactive");
	}

	@AfterAll
	static void stopStubs() {
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

	@Test
	void cardsSayWhichDatabaseAndHowLargeAPoolInEnglish() {
		try (BrowserContext context = browser.newContext(1400, 1000, "en-US")) {
			Page page = open(context, "en");
			assertThat(page.textContent("#app-blocking [data-testid=database]"))
				.isEqualTo("database: PostgreSQL at 127.0.0.1:5432, over a socket · a pool of 25");
			assertThat(page.getAttribute("#app-blocking [data-testid=database]", "data-database"))
				.isEqualTo("postgresql");
			// the pool's use stays on its own line: all 25 lent out, 7 waiting
			assertThat(page.textContent("#app-blocking [data-testid=db-pool]")).contains("25 of 25")
				.contains("7 waiting");
			assertThat(page.textContent("#app-reactive [data-testid=database]"))
				.isEqualTo("database: H2, embedded in the app · a pool of 10");
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "database-line-en.png")));
		}
	}

	@Test
	void cardsSayWhichDatabaseInKorean() {
		try (BrowserContext context = browser.newContext(1400, 1000, "ko-KR")) {
			Page page = open(context, "ko");
			String line = page.textContent("#app-blocking [data-testid=database]");
			assertThat(line).contains("PostgreSQL").contains("127.0.0.1:5432").contains("25").containsPattern(HANGUL);
			assertThat(page.textContent("#app-reactive [data-testid=database]")).contains("H2").containsPattern(HANGUL);
			page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "database-line-ko.png")));
		}
	}

	private Page open(BrowserContext context, String lang) {
		Page page = context.newPage();
		page.navigate("http://localhost:" + this.port + "/?lang=" + lang);
		for (String app : new String[] { "blocking", "reactive" }) {
			page.waitForSelector("#app-" + app + " [data-testid=database][data-database]",
					new Page.WaitForSelectorOptions().setTimeout(20_000));
		}
		return page;
	}

}
