package dev.threadlab.dashboard.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.threadlab.dashboard.AppJars;
import dev.threadlab.dashboard.lab.LabProperties;
import dev.threadlab.dashboard.load.LoadEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny benchmark, end to end, on the real reactive-app started from its jar.
 */
class BenchRunnerTests {

	@Test
	void aTinyBenchWritesTheTableTheCsvAndTheChart(@TempDir Path out) throws Exception {
		// Missing or stale, the jar fails the test: it would measure code that is not
		// this.
		Path jar = AppJars.reactive();
		BenchProperties.Stabilise stabilise = new BenchProperties.Stabilise(Duration.ofSeconds(1),
				Duration.ofSeconds(1), 2, 8, 3, Duration.ofSeconds(20), 0.05);
		BenchProperties.Open open = new BenchProperties.Open(true, true, 20, Duration.ofSeconds(1),
				Duration.ofSeconds(1));
		BenchProperties properties = new BenchProperties(true, true, out, List.of("reactive", "virtual"), null, null,
				null, jar, List.of("-Xmx256m"), "/api/items/1", 200, List.of(), List.of(5, 20), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 4, stabilise, open, false, 1,
				new BenchProperties.Pool(false, List.of(), List.of(), 1, 0, "postgres", 0, 3));
		LabProperties lab = new LabProperties(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"),
				URI.create("http://127.0.0.1:8083"), List.of("blocking", "reactive", "virtual"), Duration.ofMillis(500),
				Duration.ofMillis(1500), false);
		LoadEngine engine = LoadEngine.create(WebClient.create());
		try {
			new BenchRunner(properties, engine, lab).run(null);
		}
		finally {
			engine.close();
		}
		List<String> csv = Files.readAllLines(out.resolve("results.csv"));
		assertThat(csv).hasSize(1 + 1 + 2 + 1);
		assertThat(csv.get(1)).startsWith("reactive,no-delay,closed,/api/items/1,0,4,");
		assertThat(csv.get(3)).startsWith("reactive,sweep,closed,/api/items/1,200,20,");
		assertThat(csv.get(4)).startsWith("reactive,open,open,/api/items/1,200,");
		List<String> columns = List.of(csv.get(0).split(","));
		for (String line : csv.subList(1, csv.size())) {
			String[] cells = line.split(",", -1);
			// every run warmed up for 1 s, and sent in it
			assertThat(cells[columns.indexOf("warmup_s")]).isEqualTo("1.0");
			assertThat(Long.parseLong(cells[columns.indexOf("warmup_sent")])).isPositive();
		}
		assertThat(csv.get(4).split(",")[columns.indexOf("rate")]).isEqualTo("20");
		String md = Files.readString(out.resolve("results.md"));
		assertThat(md).contains("| reactive | 20 |")
			.contains("virtual: skipped")
			.containsPattern("Stabilising warm-up.*reactive: (not stable after )?[23] runs \\(")
			.contains("Each run then warms up for 1 s")
			.contains("## Open model")
			.containsPattern("\\| reactive \\| [0-9]+ \\|.*\\| [23], (not )?settled \\|");
		assertThat(md.substring(md.indexOf("## Open model"))).containsPattern("\\| reactive \\| 20 \\| [0-9.]+ \\|");
		assertThat(Files.readString(out.resolve("chart.svg"))).contains("<polyline");
		assertThat(out.resolve("reactive.log")).isRegularFile();
	}

}
