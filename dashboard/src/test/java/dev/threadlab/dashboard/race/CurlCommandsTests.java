package dev.threadlab.dashboard.race;

import java.net.URI;
import java.util.List;

import dev.threadlab.dashboard.lab.LabApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CurlCommands}.
 */
class CurlCommandsTests {

	private final LabApp blocking = new LabApp("blocking", "thread-per-request", "Tomcat",
			URI.create("http://127.0.0.1:8081"));

	@Test
	void aBatchSentAtOnceIsOneXargsLine() {
		assertThat(CurlCommands.of(RacePresets.WAVE, this.blocking))
			.isEqualTo("seq 1 400 | xargs -P 400 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' "
					+ "'http://127.0.0.1:8081/api/items/{}?delayMs=1000' &\nwait");
	}

	@Test
	void requestsSentApartKeepTheirGaps() {
		assertThat(CurlCommands.of(RacePresets.ABC, this.blocking).lines()).containsExactly(
				"curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' 'http://127.0.0.1:8081/api/items/1?delayMs=3000' &",
				"sleep 0.05",
				"curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' 'http://127.0.0.1:8081/api/items/2?delayMs=1000' &",
				"sleep 0.05",
				"curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' 'http://127.0.0.1:8081/api/items/3?delayMs=200' &",
				"wait");
	}

	@Test
	void spacedRequestsAreALoop() {
		assertThat(CurlCommands.of(RacePresets.SLOW_FILE, this.blocking))
			.contains("sleep 0.20\nfor n in $(seq 1 40); do curl")
			.contains("'http://127.0.0.1:8081/api/items/'$n'?delayMs=50' & sleep 0.06; done");
	}

	@Test
	void roundsTurnTheKnobBeforeEachCountOnTheAppThatHasOne() {
		RacePlan plan = new RaceForm(null, "items", 1000, null, 3, 3, List.of(200, 2000)).plan();
		assertThat(CurlCommands.of(plan, this.blocking).lines()).containsExactly("# on 200 Tomcat threads",
				"curl -s -o /dev/null -X PUT 'http://127.0.0.1:8081/api/lab/knobs/tomcat-threads?max=200'",
				"seq 1 3 | xargs -P 3 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' "
						+ "'http://127.0.0.1:8081/api/items/{}?delayMs=1000' &",
				"wait", "# on 2000 Tomcat threads",
				"curl -s -o /dev/null -X PUT 'http://127.0.0.1:8081/api/lab/knobs/tomcat-threads?max=2000'",
				"seq 1 3 | xargs -P 3 -I{} curl -s -o /dev/null -w '%{http_code} %{time_total}s\\n' "
						+ "'http://127.0.0.1:8081/api/items/{}?delayMs=1000' &",
				"wait", "# then put the knob back where it stood, e.g. Tomcat's 200:",
				"curl -s -o /dev/null -X PUT 'http://127.0.0.1:8081/api/lab/knobs/tomcat-threads?max=200'");
		LabApp reactive = new LabApp("reactive", "event-loop", "Netty", URI.create("http://127.0.0.1:8082"));
		assertThat(CurlCommands.of(plan, reactive)).doesNotContain("knobs").endsWith("wait");
	}

}
