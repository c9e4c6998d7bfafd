package dev.threadlab.dashboard.lab;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LabProperties}.
 */
class LabPropertiesTests {

	@Test
	void appsAreListedInTheConfiguredOrderWithTheirUrls() {
		List<LabApp> apps = properties("http://127.0.0.1:9001", List.of("reactive", "blocking"), false).labApps();
		assertThat(apps).extracting(LabApp::name).containsExactly("reactive", "blocking");
		assertThat(apps.get(1).resolve("/api/threads")).isEqualTo(URI.create("http://127.0.0.1:9001/api/threads"));
		assertThat(apps.get(0).model()).isEqualTo("event-loop");
	}

	@Test
	void anUnknownAppIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("http://127.0.0.1:9001", List.of("node"), false).labApps())
			.withMessageContaining("node");
	}

	@Test
	void appsElsewhereThanThisMachineAreRefusedUnlessAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> properties("http://example.org:8081", List.of("blocking"), false).labApps())
			.withMessageContaining("allow-remote-targets");
		assertThat(properties("http://example.org:8081", List.of("blocking"), true).labApps()).hasSize(1);
		assertThat(properties("http://localhost:8081", List.of("blocking"), false).labApps()).hasSize(1);
		assertThat(properties("http://[::1]:8081", List.of("blocking"), false).labApps()).hasSize(1);
	}

	@Test
	void namesThatOnlyLookLikeThisMachineAreElsewhere() {
		// Their DNS decides where they point, and it is never asked.
		for (String url : List.of("http://127.evil.example:8081", "http://127.0.0.1.nip.io:8081",
				"http://localhost.evil.com:8081")) {
			assertThatIllegalArgumentException().isThrownBy(() -> properties(url, List.of("blocking"), false).labApps())
				.withMessageContaining("allow-remote-targets");
		}
	}

	private static LabProperties properties(String url, List<String> apps, boolean remote) {
		URI uri = URI.create(url);
		return new LabProperties(uri, uri, uri, apps, Duration.ofMillis(500), Duration.ofSeconds(1), remote);
	}

}
