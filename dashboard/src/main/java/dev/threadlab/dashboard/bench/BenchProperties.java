package dev.threadlab.dashboard.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The benchmark's settings; {@code ./run.sh bench} sets the jars and the output folder.
 *
 * @param enabled run the benchmark instead of serving the dashboard
 * @param quick the short version: {@link #quickLevels()}, shorter runs, no repeats
 * @param out the folder the results go to
 * @param contenders which of {@code blocking}, {@code reactive} and {@code virtual} to
 * bench, in this order
 * @param java the {@code java} that runs blocking-app and reactive-app
 * @param virtualJava a JDK 21+ {@code java} for the virtual contender; without one it is
 * skipped
 * @param blockingJar blocking-app's jar (also the virtual contender's)
 * @param reactiveJar reactive-app's jar
 * @param jvmArgs the JVM options every contender gets, the same for all for a fair memory
 * comparison
 * @param endpoint the path loaded
 * @param delayMs the delay of the sweep
 * @param levels the concurrency levels of the sweep
 * @param quickLevels the levels of the quick sweep
 * @param levelDuration how long each level sends requests
 * @param quickLevelDuration the same, quick
 * @param repeats how often each level runs; the run with the median throughput is kept
 * @param warmup how long each contender is warmed up, without delay, before counting
 * @param noDelayConcurrency the clients of the no-delay run, the CPU ceiling
 * @param traceOff also run the no-delay run with request tracing off, for its overhead
 */
@ConfigurationProperties("threadlab.bench")
public record BenchProperties(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean quick,
		@DefaultValue("bench-results/latest") Path out, @DefaultValue( {
				"blocking", "reactive", "virtual" }) List<String> contenders,
		@Nullable Path java, @Nullable Path virtualJava, @Nullable Path blockingJar, @Nullable Path reactiveJar,
		@DefaultValue({ "-Xms256m", "-Xmx1g" }) List<String> jvmArgs, @DefaultValue("/api/items/1") String endpoint,
		@DefaultValue("1000") int delayMs,
		@DefaultValue({ "10", "100", "200", "400", "1000", "2000", "5000" }) List<Integer> levels,
		@DefaultValue({ "10", "400", "2000" }) List<Integer> quickLevels, @DefaultValue("15s") Duration levelDuration,
		@DefaultValue("8s") Duration quickLevelDuration, @DefaultValue("3") int repeats,
		@DefaultValue("5s") Duration warmup, @DefaultValue("64") int noDelayConcurrency,
		@DefaultValue("true") boolean traceOff){

	/**
	 * The levels to run.
	 * @return the quick or the full sweep
	 */
	List<Integer> sweep() {
		return this.quick ? this.quickLevels : this.levels;
	}

	/**
	 * How long each level sends requests.
	 * @return the quick or the full duration
	 */
	Duration duration() {
		return this.quick ? this.quickLevelDuration : this.levelDuration;
	}

	/**
	 * How often each level runs.
	 * @return 1 when quick
	 */
	int runs() {
		return this.quick ? 1 : Math.max(1, this.repeats);
	}

	/**
	 * Whether to measure tracing's overhead.
	 * @return never when quick
	 */
	boolean measureTraceOff() {
		return !this.quick && this.traceOff;
	}

}
