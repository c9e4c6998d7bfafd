package dev.threadlab.dashboard.live;

import java.time.Duration;
import java.util.List;

import dev.threadlab.dashboard.StubApp;
import dev.threadlab.dashboard.lab.LabClients;
import dev.threadlab.dashboard.lab.LabProperties;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LiveFeed}.
 */
class LiveFeedTests {

	@Test
	void browsersShareOnePollerPerApp() throws InterruptedException {
		try (StubApp stub = StubApp.start("blocking")) {
			LiveFeed feed = feed(stub, Duration.ofMillis(200));
			Disposable first = feed.events().subscribe();
			Disposable second = feed.events().subscribe();
			Disposable third = feed.events().subscribe();
			Thread.sleep(2_000);
			first.dispose();
			second.dispose();
			third.dispose();
			// One poller: about 10 polls in 2 s, not 30.
			assertThat(stub.threadPolls()).isBetween(5L, 13L);
		}
	}

	@Test
	void aNewBrowserGetsWhatWasSeenLately() {
		try (StubApp stub = StubApp.start("reactive")) {
			LiveFeed feed = feed(stub, Duration.ofMillis(100));
			feed.events().take(3).blockLast(Duration.ofSeconds(5));
			assertThat(feed.recent().samples().get("reactive")).hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((sample) -> assertThat(sample.status()).isEqualTo("up"));
			assertThat(feed.status("reactive")).isEqualTo("up");
		}
	}

	private static LiveFeed feed(StubApp stub, Duration interval) {
		LabProperties properties = new LabProperties(stub.labApp().url(), stub.labApp().url(), stub.labApp().url(),
				List.of(stub.labApp().name()), interval, Duration.ofSeconds(1), false);
		WebClient client = WebClient.create();
		return new LiveFeed(List.of(stub.labApp()), new LabClients(client, client), properties);
	}

}
