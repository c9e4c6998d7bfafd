package dev.threadlab.dashboard;

import java.nio.file.Paths;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Takes the README's picture of a running dashboard: opens it, optionally runs a race to
 * its end, waits a little more, and saves a screenshot. Not a test; run it by hand with
 * the lab running.
 *
 * <pre>
 * java -cp ... dev.threadlab.dashboard.Screenshot http://127.0.0.1:8080 docs/dashboard.png wave-400 2600
 * </pre>
 */
final class Screenshot {

	private Screenshot() {
	}

	public static void main(String[] args) {
		String url = args[0];
		String file = args[1];
		String preset = (args.length > 2) ? args[2] : "";
		int waitMs = (args.length > 3) ? Integer.parseInt(args[3]) : 2000;
		int width = (args.length > 4) ? Integer.parseInt(args[4]) : 1600;
		int height = (args.length > 5) ? Integer.parseInt(args[5]) : 1250;
		try (Browser browser = Browser.launch(); BrowserContext context = browser.newContext(width, height)) {
			Page page = context.newPage();
			page.onConsoleMessage((message) -> System.out.println("console " + message.type() + ": " + message.text()));
			page.navigate(url);
			page.waitForTimeout(2500);
			if (!preset.isEmpty()) {
				page.click("button.preset[data-preset='" + preset + "']");
				page.waitForFunction(
						"() => document.querySelector('[data-testid=race-status]').textContent.includes('finished')",
						null, new Page.WaitForFunctionOptions().setTimeout(60_000));
			}
			page.waitForTimeout(waitMs);
			page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get(file)).setFullPage(false));
		}
	}

}
