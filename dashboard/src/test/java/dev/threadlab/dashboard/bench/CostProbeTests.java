package dev.threadlab.dashboard.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CostProbeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static JsonNode costs(double processMs, Long voluntary, Long involuntary, Long completed) {
		return JSON
			.readTree("{\"cpu\": {\"processMs\": " + processMs + "}, \"contextSwitches\": {\"voluntary\": " + voluntary
					+ ", \"involuntary\": " + involuntary + "}, \"requests\": {\"completed\": " + completed + "}}");
	}

	@Test
	void costsAreTheDifferencesOfTwoReadsPerRequestServed() {
		RunCosts costs = CostProbe.costs(costs(1000, 500L, 20L, 100L), costs(1500, 7500L, 120L, 1100L), 25 << 20,
				400 << 20);
		assertThat(costs.requests()).isEqualTo(1000);
		assertThat(costs.cpuMsPerRequest()).isCloseTo(0.5, within(1e-9));
		assertThat(costs.voluntaryPerRequest()).isCloseTo(7.0, within(1e-9));
		assertThat(costs.involuntaryPerRequest()).isCloseTo(0.1, within(1e-9));
		assertThat(costs.peakStacksBytes()).isEqualTo(25L << 20);
	}

	@Test
	void whatTheContenderDidNotCountStaysUnknown() {
		RunCosts noSwitches = CostProbe.costs(costs(1000, null, null, 100L), costs(1500, null, null, 600L), -1, -1);
		assertThat(noSwitches.cpuMsPerRequest()).isCloseTo(1.0, within(1e-9));
		assertThat(noSwitches.voluntaryPerRequest()).isEqualTo(-1);
		assertThat(noSwitches.involuntaryPerRequest()).isEqualTo(-1);
		RunCosts tracingOff = CostProbe.costs(costs(1000, 1L, 1L, null), costs(1500, 2L, 2L, null), -1, 300 << 20);
		assertThat(tracingOff.requests()).isEqualTo(-1);
		assertThat(tracingOff.cpuMsPerRequest()).isEqualTo(-1);
		assertThat(tracingOff.peakRssBytes()).isEqualTo(300L << 20);
	}

}
