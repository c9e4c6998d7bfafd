package dev.threadlab.dashboard.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark's charts, written by hand as SVG: throughput and p99 against concurrency,
 * and memory against concurrency, one line per contender, concurrency on a log scale.
 */
final class BenchChart {

	private static final int PANEL_WIDTH = 460;

	private static final int PANEL_HEIGHT = 320;

	private static final int LEFT = 70;

	private static final int TOP = 40;

	private static final int PLOT_WIDTH = 360;

	private static final int PLOT_HEIGHT = 220;

	/** The dashboard's colours for each model's threads. */
	private static final Map<String, String> COLORS = Map.of("blocking", "#f0803c", "reactive", "#2ec4b6", "virtual",
			"#5b8def");

	private BenchChart() {
	}

	static String svg(List<BenchRow> sweep) {
		Map<String, List<BenchRow>> lines = BenchReport.byContender(sweep);
		double minC = sweep.stream().mapToInt((row) -> row.result().plan().concurrency()).min().orElse(1);
		double maxC = sweep.stream().mapToInt((row) -> row.result().plan().concurrency()).max().orElse(10);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">\n",
				PANEL_WIDTH * 2, PANEL_HEIGHT + 30, PANEL_WIDTH * 2, PANEL_HEIGHT + 30));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		double maxThroughput = sweep.stream()
			.mapToDouble((row) -> Math.max(row.result().throughput(), row.result().plan().limitPerSecond()))
			.max()
			.orElse(1);
		double maxP99 = sweep.stream().mapToDouble((row) -> row.result().latency().p99() / 1000).max().orElse(1);
		Panel throughput = new Panel(0, "Throughput (requests/s)", minC, maxC, nice(maxThroughput));
		Panel p99 = new Panel(PANEL_WIDTH, "p99 latency (s)", minC, maxC, nice(maxP99));
		throughput.axes(svg, sweep);
		p99.axes(svg, sweep);
		// The limit, concurrency / delay: what a server that only waits would reach.
		throughput.line(svg, lines.values().stream().findFirst().orElse(List.of()),
				(row) -> row.result().plan().limitPerSecond(), "#999999", "stroke-dasharray=\"4 4\"");
		int legend = 0;
		for (Map.Entry<String, List<BenchRow>> line : lines.entrySet()) {
			String color = COLORS.getOrDefault(line.getKey(), "#444444");
			throughput.line(svg, line.getValue(), (row) -> row.result().throughput(), color, "");
			p99.line(svg, line.getValue(), (row) -> row.result().latency().p99() / 1000, color, "");
			int x = LEFT + legend * 110;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
							+ "<text x=\"%d\" y=\"%d\">%s</text>\n",
					x, PANEL_HEIGHT + 15, x + 24, PANEL_HEIGHT + 15, color, x + 30, PANEL_HEIGHT + 19, line.getKey()));
			legend++;
		}
		int x = LEFT + legend * 110;
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999999\" stroke-width=\"2\" "
						+ "stroke-dasharray=\"4 4\"/><text x=\"%d\" y=\"%d\">limit: concurrency / delay</text>\n",
				x, PANEL_HEIGHT + 15, x + 24, PANEL_HEIGHT + 15, x + 30, PANEL_HEIGHT + 19));
		return svg.append("</svg>\n").toString();
	}

	/**
	 * Memory against concurrency: each contender's peak resident memory and its peak
	 * committed thread stacks (Native Memory Tracking), one line per contender; a
	 * contender's level with no figure is left out of its line.
	 * @param sweep the sweep's rows
	 * @return the SVG
	 */
	static String memorySvg(List<BenchRow> sweep) {
		Map<String, List<BenchRow>> lines = BenchReport.byContender(sweep);
		double minC = sweep.stream().mapToInt((row) -> row.result().plan().concurrency()).min().orElse(1);
		double maxC = sweep.stream().mapToInt((row) -> row.result().plan().concurrency()).max().orElse(10);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">\n",
				PANEL_WIDTH * 2, PANEL_HEIGHT + 30, PANEL_WIDTH * 2, PANEL_HEIGHT + 30));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
		double maxRss = sweep.stream().mapToDouble(BenchChart::rssMb).max().orElse(1);
		double maxStacks = sweep.stream().mapToDouble(BenchChart::stacksMb).max().orElse(1);
		Panel rss = new Panel(0, "Peak resident memory (MB)", minC, maxC, nice(maxRss));
		Panel stacks = new Panel(PANEL_WIDTH, "Peak thread stacks, committed (MB)", minC, maxC, nice(maxStacks));
		rss.axes(svg, sweep);
		stacks.axes(svg, sweep);
		int legend = 0;
		for (Map.Entry<String, List<BenchRow>> line : lines.entrySet()) {
			String color = COLORS.getOrDefault(line.getKey(), "#444444");
			rss.line(svg, line.getValue().stream().filter((row) -> rssMb(row) >= 0).toList(), BenchChart::rssMb, color,
					"");
			stacks.line(svg, line.getValue().stream().filter((row) -> stacksMb(row) >= 0).toList(),
					BenchChart::stacksMb, color, "");
			int x = LEFT + legend * 110;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
							+ "<text x=\"%d\" y=\"%d\">%s</text>\n",
					x, PANEL_HEIGHT + 15, x + 24, PANEL_HEIGHT + 15, color, x + 30, PANEL_HEIGHT + 19, line.getKey()));
			legend++;
		}
		return svg.append("</svg>\n").toString();
	}

	private static double rssMb(BenchRow row) {
		return (row.result().peakRssBytes() >= 0) ? row.result().peakRssBytes() / (1024.0 * 1024.0) : -1;
	}

	private static double stacksMb(BenchRow row) {
		return (row.costs().peakStacksBytes() >= 0) ? row.costs().peakStacksBytes() / (1024.0 * 1024.0) : -1;
	}

	/**
	 * A round number at or above a value: 1, 2 or 5 times a power of ten.
	 * @param value the largest value to show
	 * @return the top of the axis
	 */
	static double nice(double value) {
		if (value <= 0) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 5, 10 }) {
			if (step * power >= value) {
				return step * power;
			}
		}
		return 10 * power;
	}

	/**
	 * One of the two plots.
	 */
	private static final class Panel {

		private final int offset;

		private final String title;

		private final double minC;

		private final double maxC;

		private final double maxY;

		Panel(int offset, String title, double minC, double maxC, double maxY) {
			this.offset = offset;
			this.title = title;
			this.minC = minC;
			this.maxC = (maxC > minC) ? maxC : minC * 10;
			this.maxY = maxY;
		}

		double x(double concurrency) {
			double share = (Math.log(concurrency) - Math.log(this.minC)) / (Math.log(this.maxC) - Math.log(this.minC));
			return this.offset + LEFT + share * PLOT_WIDTH;
		}

		double y(double value) {
			return TOP + PLOT_HEIGHT - Math.min(1, value / this.maxY) * PLOT_HEIGHT;
		}

		void axes(StringBuilder svg, List<BenchRow> sweep) {
			int left = this.offset + LEFT;
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s" + "</text>\n", left,
					this.title));
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#cccccc\"/>\n", left,
					TOP, PLOT_WIDTH, PLOT_HEIGHT));
			for (int i = 0; i <= 4; i++) {
				double value = this.maxY * i / 4;
				double y = y(value);
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eeeeee\"/>"
								+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
						left, y, left + PLOT_WIDTH, y, left - 6, y + 4, label(value)));
			}
			sweep.stream().mapToInt((row) -> row.result().plan().concurrency()).distinct().forEach((c) -> {
				double x = x(c);
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eeeeee\"/>"
								+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n",
						x, TOP, x, TOP + PLOT_HEIGHT, x, TOP + PLOT_HEIGHT + 16, c));
			});
			svg.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">concurrency (log scale)</text>\n",
					left + PLOT_WIDTH / 2, TOP + PLOT_HEIGHT + 34));
		}

		void line(StringBuilder svg, List<BenchRow> rows, ToDoubleFunction<BenchRow> value, String color,
				String style) {
			if (rows.isEmpty()) {
				return;
			}
			StringBuilder points = new StringBuilder();
			for (BenchRow row : rows) {
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(row.result().plan().concurrency()),
						y(value.applyAsDouble(row))));
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" %s/>\n",
					points.toString().trim(), color, style));
			if (style.isEmpty()) {
				for (BenchRow row : rows) {
					svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n",
							x(row.result().plan().concurrency()), y(value.applyAsDouble(row)), color));
				}
			}
		}

		private static String label(double value) {
			// Quarter steps of 1, 2 or 5: 1.25 and 3.75 as they are, never rounded.
			return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
		}

	}

}
