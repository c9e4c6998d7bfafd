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
		LoadPlan plan = LoadPlan.closed("/api/items/1", 1000, concurrency, Duration.ofSeconds(10))
			.withWarmup(Duration.ofSeconds(3));
		return new BenchRow(contender, BenchRow.SWEEP, result(contender, plan, throughput, 1200));
	}

	private static BenchRow noDelay(String contender, String series, double throughput) {
		LoadPlan plan = LoadPlan.closed("/api/items/1", 0, 64, Duration.ofSeconds(10))
			.withWarmup(Duration.ofSeconds(3));
		return new BenchRow(contender, series, result(contender, plan, throughput, 12));
	}

	private static BenchRow open(String contender, double throughput, double p99) {
		LoadPlan plan = LoadPlan.open("/api/items/1", 1000, 500, Duration.ofSeconds(10))
			.withWarmup(Duration.ofSeconds(3));
		return new BenchRow(contender, BenchRow.OPEN, result(contender, plan, throughput, p99));
	}

	private static LoadResult result(String contender, LoadPlan plan, double throughput, double p99) {
		return new LoadResult(contender, plan, 11_000, 5000, 4990, Map.of("timeout", 10L), throughput,
				plan.efficiency(throughput), new Latency(4990, 1001, 1005, p99, 1300, 1400), plan.concurrency(), 200,
				231, 0, 64L << 20, 350L << 20, 0.2, 0.1, 1234);
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
	void tracingsOverheadIsAShareOfTheThroughputWithoutIt() {
		List<Stabilisation> warmups = List.of(new Stabilisation("blocking", false, List.of(4000.0, 4100.0), true),
				new Stabilisation("blocking", true, List.of(3000.0, 4000.0, 4100.0), true),
				new Stabilisation("reactive", false, List.of(1000.0, 2000.0, 3000.0), false));
		BenchReport report = new BenchReport(List.of(noDelay("blocking", BenchRow.NO_DELAY, 4600),
				noDelay("reactive", BenchRow.NO_DELAY, 3000), noDelay("blocking", BenchRow.NO_DELAY_TRACE_OFF, 5000),
				noDelay("reactive", BenchRow.NO_DELAY_TRACE_OFF, 4000)), warmups, "# header");
		assertThat(report.markdown()).contains("target ≥ 90 %")
			.contains("| blocking | 4600 | 5000 | 92 % | met | 2, settled / 3, settled |")
			.contains("| reactive | 3000 | 4000 | 75 % | missed | 3, not settled / - |")
			// the no-delay table says whether each ceiling was measured on a settled JVM
			.containsPattern("\\| blocking \\| 4600 \\|.*\\| 2, settled \\|")
			.containsPattern("\\| reactive \\| 3000 \\|.*\\| 3, not settled \\|");
	}

	@Test
	void tracingsOverheadComparesTheRunsTakenInTurnWhenThereAreAny() {
		List<Stabilisation> warmups = List.of(new Stabilisation("blocking", false, List.of(4000.0, 4100.0), true),
				new Stabilisation(BenchRow.pairedLabel("blocking"), false, List.of(1.0, 2.0, 3.0, 4.0), true),
				new Stabilisation("blocking", true, List.of(3000.0, 4000.0, 4100.0), true));
		BenchReport report = new BenchReport(List.of(noDelay("blocking", BenchRow.NO_DELAY, 3000),
				noDelay("blocking", BenchRow.NO_DELAY_TRACE_ON, 4700),
				noDelay("blocking", BenchRow.NO_DELAY_TRACE_OFF, 5000)), warmups, "# header");
		assertThat(report.markdown()).contains("take turns")
			.contains("| blocking | 4700 | 5000 | 94 % | met | 4, settled / 3, settled |");
		assertThat(report.csv().lines().filter((line) -> line.startsWith("blocking,no-delay-trace-on,"))).hasSize(1);
	}

	@Test
	void theOpenLevelHasATableOfItsOwnBesideTheClosedModelsTail() {
		BenchReport report = new BenchReport(List.of(row("blocking", 400, 198), row("blocking", 2000, 197),
				row("reactive", 400, 396), open("blocking", 199, 21_000), open("reactive", 499, 1040)), "# header");
		String md = report.markdown();
		assertThat(md).contains("## Open model")
			.contains("closed-model p99 ms (C = 400)")
			.contains("| blocking | 500 | 199.0 | 0.40 | 1001 | 21000 |")
			.contains("| reactive | 500 | 499.0 | 1.00 | 1001 | 1040 |")
			.contains("coordinated omission")
			.contains("serves at most 200")
			.contains("grows by about 300 requests every second");
		// the closed model's p99 at C = 400 sits in the blocking row
		assertThat(md.lines().filter((line) -> line.startsWith("| blocking | 500 |"))).singleElement()
			.asString()
			.contains("| 1200 |");
		assertThat(report.csv().lines().filter((line) -> line.startsWith("blocking,open,open,"))).singleElement()
			.asString()
			.endsWith(",3.0,500,1234,-,-,-,-,-");
		assertThat(open("blocking", 199, 21_000).modelCeiling()).isEqualTo(200.0);
		assertThat(open("reactive", 499, 1040).modelCeiling()).isEqualTo(500.0);
	}

	@Test
	void withoutBlockingOrOverloadTheOpenLevelSaysOnlyWhatKeepingUpLooksLike() {
		LoadPlan plan = LoadPlan.open("/api/items/1", 1000, 100, Duration.ofSeconds(10));
		assertThat(BenchReport.coordinatedOmission(plan, true)).doesNotContain("grows by");
		assertThat(BenchReport.coordinatedOmission(LoadPlan.open("/api/items/1", 1000, 500, Duration.ofSeconds(10)),
				false))
			.doesNotContain("grows by");
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

	private static BenchRow costed(String contender, int concurrency, double throughput, long rssMb, long stacksMb) {
		BenchRow row = row(contender, concurrency, throughput);
		LoadResult r = row.result();
		LoadResult withRss = new LoadResult(r.app(), r.plan(), r.elapsedMs(), r.sent(), r.ok(), r.errors(),
				r.throughput(), r.efficiency(), r.latency(), r.peakClientInFlight(), r.peakServerInFlight(),
				r.peakThreads(), r.peakVirtualThreads(), r.peakHeapBytes(), rssMb << 20, r.serverCpu(), r.engineCpu(),
				r.warmupSent());
		return new BenchRow(contender, BenchRow.SWEEP, withRss,
				new RunCosts(1000, 0.25, 7.5, 0.25, stacksMb << 20, rssMb << 20));
	}

	@Test
	void eachLevelSaysWhatItCostPerRequestAndAtItsPeak() {
		BenchReport report = new BenchReport(List.of(costed("blocking", 400, 198, 420, 25),
				costed("reactive", 400, 396, 380, 3), row("virtual", 400, 390)), "# header");
		String md = report.markdown();
		assertThat(md).contains("## What each level costs")
			.contains("| blocking | 400 | 0.250 | 7.50 | 0.25 | 25 | 420 | 231 |")
			.contains("| reactive | 400 | 0.250 | 7.50 | 0.25 | 3 | 380 | 231 |")
			// a contender that gave no costs shows dashes, not zeros
			.contains("| virtual | 400 | - | - | - | - | 350 | 231 |")
			.contains("![resident memory and thread stacks against concurrency](memory.svg)");
		assertThat(report.csv().lines().filter((line) -> line.startsWith("blocking,sweep,"))).singleElement()
			.asString()
			.endsWith(",0.2500,7.500,0.250,25,1000");
	}

	@Test
	void targetsAreMetMissedOrNotMeasured() {
		String met = new BenchReport(List.of(costed("reactive", 2000, 1960, 420, 3),
				costed("reactive", 5000, 4800, 560, 3), costed("virtual", 2000, 1700, 500, 3)), "# header")
			.markdown();
		assertThat(met).contains("| reactive ≤ 600 MB RSS at 5000 connections, on the fixed heap | 560 MB | met |")
			.contains("| reactive: 1 s-delay efficiency ≥ 0.95 of C/D up to 5000 | lowest 0.96 at C = 5000 "
					+ "(levels 2000, 5000) | met |")
			.contains("| virtual: 1 s-delay efficiency ≥ 0.95 of C/D up to 5000 | lowest 0.85 at C = 2000 "
					+ "(levels 2000) | missed |");
		String quick = new BenchReport(List.of(costed("reactive", 2000, 1960, 700, 3)), "# header").markdown();
		assertThat(quick)
			.contains("| reactive ≤ 600 MB RSS at 5000 connections, on the fixed heap | no reactive 5000 level in "
					+ "this run | not measured |")
			.contains("| lowest 0.98 at C = 2000 (levels 2000) | met up to 2000; 5000 not measured |")
			.contains("| virtual: 1 s-delay efficiency ≥ 0.95 of C/D up to 5000 | no 1 s-delay level in this run "
					+ "| not measured |");
		assertThat(new BenchReport(List.of(costed("reactive", 5000, 4800, 700, 3)), "# header").markdown())
			.contains("| 700 MB | missed |");
	}

	@Test
	void theMemoryChartHasBothPanelsAndLeavesOutLevelsWithoutAFigure() {
		String svg = BenchChart.memorySvg(List.of(costed("blocking", 10, 9.9, 300, 20),
				costed("blocking", 400, 198, 420, 25), costed("reactive", 10, 9.9, 280, 3), row("virtual", 10, 9.9)));
		assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("Peak resident memory").contains("stacks");
		// RSS: three contenders; stacks: only the two that gave them
		assertThat(svg.split("<polyline", -1)).hasSize(1 + 3 + 2);
	}

	@Test
	void axesEndOnRoundNumbers() {
		assertThat(BenchChart.nice(1782)).isEqualTo(2000.0);
		assertThat(BenchChart.nice(4100)).isEqualTo(5000.0);
		assertThat(BenchChart.nice(12.1)).isEqualTo(20.0);
		assertThat(BenchChart.nice(0.8)).isCloseTo(1.0, within(1e-9));
	}

}
