package dev.threadlab.dashboard.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.load.Latency;
import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.load.LoadResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link BenchReport}, {@link BenchRow} and {@link BenchChart}.
 */
class BenchReportTests {

	private static BenchRow row(String contender, int concurrency, double throughput) {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, concurrency, Duration.ofSeconds(10));
		LoadResult result = new LoadResult(contender, plan, 11_000, 5000, 4990, Map.of("timeout", 10L), throughput,
				plan.efficiency(throughput), new Latency(4990, 1001, 1005, 1200, 1300, 1400), concurrency, 200, 231, 0,
				64L << 20, 350L << 20, 0.2, 0.1);
		return new BenchRow(contender, BenchRow.SWEEP, result);
	}

	@Test
	void blockingIsAlsoMeasuredAgainstItsOwnThreads() {
		BenchRow blocking = row("blocking", 2000, 196);
		assertThat(blocking.result().efficiency()).isCloseTo(0.098, within(1e-9));
		assertThat(blocking.modelCeiling()).isEqualTo(200.0);
		assertThat(blocking.ceilingEfficiency()).isCloseTo(0.98, within(1e-9));
		BenchRow reactive = row("reactive", 2000, 1800);
		assertThat(reactive.modelCeiling()).isEqualTo(2000.0);
		assertThat(reactive.ceilingEfficiency()).isCloseTo(0.9, within(1e-9));
	}

	@Test
	void theTableHasALinePerContenderAndLevel() {
		BenchReport report = new BenchReport(List.of(row("blocking", 10, 9.9), row("blocking", 400, 198),
				row("reactive", 10, 9.9), row("reactive", 400, 396)), "# header");
		String md = report.markdown();
		assertThat(md).startsWith("# header")
			.contains("| blocking | 400 | 198.0 | 0.50 | 0.99 | 1001 | 1200 |")
			.contains("| reactive | 400 | 396.0 | 0.99 | 0.99 |")
			.contains("timeout: 10")
			.contains("| 350 | 10% |");
		String csv = report.csv();
		assertThat(csv.lines()).hasSize(5).first().isEqualTo(BenchReport.CSV_HEADER);
		assertThat(csv.lines().skip(1))
			.allSatisfy((line) -> assertThat(line.split(",", -1)).hasSameSizeAs(BenchReport.CSV_HEADER.split(",")));
	}

	@Test
	void theChartHasALinePerContenderAndTheLimit() {
		String svg = BenchChart
			.svg(List.of(row("blocking", 10, 9.9), row("blocking", 400, 198), row("reactive", 10, 9.9)));
		assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
		// the limit, then each contender in each panel
		assertThat(svg.split("<polyline", -1)).hasSize(1 + 1 + 2 * 2);
		assertThat(svg).contains("#f0803c").contains("#2ec4b6");
	}

	@Test
	void axesEndOnRoundNumbers() {
		assertThat(BenchChart.nice(1782)).isEqualTo(2000.0);
		assertThat(BenchChart.nice(4100)).isEqualTo(5000.0);
		assertThat(BenchChart.nice(12.1)).isEqualTo(20.0);
		assertThat(BenchChart.nice(0.8)).isCloseTo(1.0, within(1e-9));
	}

}
