package dev.threadlab.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Page.WaitForFunctionOptions;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.threadlab.dashboard.lab.LabApp;
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

	private static final Path BLOCKING_JAR = jar("threadlab.blocking-jar");

	private static final Path REACTIVE_JAR = jar("threadlab.reactive-jar");

	private static Path workDir;

	private static LabProcess blocking;

	private static LabProcess reactive;

	private static Browser browser;

	@LocalServerPort
	private int port;

	@Autowired
	private PollCounter polls;

	@Autowired
	private List<LabApp> apps;

	private final List<String> consoleErrors = new ArrayList<>();

	private final List<String> requested = new ArrayList<>();

	private BrowserContext context;

	@BeforeAll
	static void startTheLab() throws IOException, InterruptedException {
		require(Browser.available(), "no Chromium at " + Browser.CHROMIUM);
		require(Files.isRegularFile(BLOCKING_JAR) && Files.isRegularFile(REACTIVE_JAR), "the apps' jars are not built: "
				+ BLOCKING_JAR + ", " + REACTIVE_JAR + " (run ./mvnw verify from the root)");
		workDir = Files.createTempDirectory("threadlab-e2e");
		blocking = LabProcess.start("blocking", BLOCKING_JAR, 0, workDir);
		reactive = LabProcess.start("reactive", REACTIVE_JAR, 0, workDir);
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
		assertThat(page.textContent("#app-reactive .model")).isEqualTo("event-loop");
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
		for (int i = 0; i < before.length; i++) {
			double perSecond = (after[i] - before[i]) / 4.0;
			assertThat(perSecond).as("polls a second to " + this.apps.get(i).name())
				.isPositive()
				.isLessThanOrEqualTo(5);
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
		reactive = LabProcess.start("reactive-again", REACTIVE_JAR, reactivePort, workDir);
		page.waitForSelector("#app-reactive[data-status='up']",
				new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(TIMEOUT_MS));
		assertThat(this.consoleErrors).isEmpty();
	}

	private Page open() {
		Page page = this.context.newPage();
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

	private static Path jar(String property) {
		return Paths.get(System.getProperty(property, "missing.jar")).toAbsolutePath().normalize();
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
