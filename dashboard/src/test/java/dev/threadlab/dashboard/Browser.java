package dev.threadlab.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright, which is told never to download a
 * browser of its own.
 */
final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Paths.get(System.getProperty("threadlab.chromium", "/usr/bin/chromium"));

	private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--no-first-run");

	private final Playwright playwright;

	private final com.microsoft.playwright.Browser browser;

	private Browser() {
		this.playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		this.browser = this.playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS));
	}

	static boolean available() {
		return Files.isExecutable(CHROMIUM);
	}

	static Browser launch() {
		return new Browser();
	}

	com.microsoft.playwright.BrowserContext newContext(int width, int height) {
		return newContext(width, height, "en-US");
	}

	/**
	 * A browser whose reader asks for a language.
	 * @param width the viewport's width
	 * @param height the viewport's height
	 * @param locale what the browser sends as {@code Accept-Language}, such as
	 * {@code ko-KR}
	 */
	com.microsoft.playwright.BrowserContext newContext(int width, int height, String locale) {
		return this.browser.newContext(new NewContextOptions().setViewportSize(width, height).setLocale(locale));
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

}
