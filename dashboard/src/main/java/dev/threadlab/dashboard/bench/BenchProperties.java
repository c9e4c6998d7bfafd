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
 * comparison: one fixed heap and Native Memory Tracking (as
 * {@code LabProcess.FIXED_HEAP})
 * @param endpoint the path loaded
 * @param delayMs the delay of the sweep and of the open level
 * @param levels the concurrency levels of the sweep
 * @param quickLevels the levels of the quick sweep
 * @param levelDuration how long each level is measured, after its warm-up
 * @param quickLevelDuration the same, quick
 * @param levelWarmup how long each run (level, no-delay run, open level) sends on its own
 * connections before it is measured; nothing sent in it is counted
 * @param quickLevelWarmup the same, quick
 * @param repeats how often each level runs; the run with the median throughput is kept
 * @param noDelayConcurrency the clients of the no-delay run, the CPU ceiling
 * @param stabilise the warm-up of each started contender before its no-delay run
 * @param open the open-model level after the sweep
 * @param traceOff also measure request tracing's overhead: the no-delay run with tracing
 * on and off, in turn
 * @param tracePairs how many on/off pairs of no-delay runs; the median of each side is
 * kept
 * @param pool the pool-ceiling level, on PostgreSQL, run instead of the rest when enabled
 */
@ConfigurationProperties("threadlab.bench")
public record BenchProperties(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean quick,
		@DefaultValue("bench-results/latest") Path out, @DefaultValue( {
				"blocking", "reactive", "virtual" }) List<String> contenders,
		@Nullable Path java, @Nullable Path virtualJava, @Nullable Path blockingJar, @Nullable Path reactiveJar,
		@DefaultValue({ "-Xms512m", "-Xmx512m", "-XX:NativeMemoryTracking=summary" }) List<String> jvmArgs,
		@DefaultValue("/api/items/1") String endpoint, @DefaultValue("1000") int delayMs,
		@DefaultValue({ "10", "100", "200", "400", "1000", "2000", "5000" }) List<Integer> levels,
		@DefaultValue({ "10", "400", "2000" }) List<Integer> quickLevels, @DefaultValue("15s") Duration levelDuration,
		@DefaultValue("6s") Duration quickLevelDuration, @DefaultValue("3s") Duration levelWarmup,
		@DefaultValue("2s") Duration quickLevelWarmup, @DefaultValue("3") int repeats,
		@DefaultValue("64") int noDelayConcurrency, @DefaultValue Stabilise stabilise, @DefaultValue Open open,
		@DefaultValue("true") boolean traceOff, @DefaultValue("5") int tracePairs, @DefaultValue Pool pool){

	/**
	 * How each started contender is warmed up before its no-delay run: no-delay runs
	 * until two in a row agree on throughput, so that the JIT has done its work before
	 * the CPU ceiling is measured.
	 *
	 * @param run how long each warm-up run sends, without delay
	 * @param quickRun the same, quick
	 * @param minRuns the fewest warm-up runs (at least 2: agreeing takes two)
	 * @param maxRuns the most warm-up runs. On a 2-core machine a fresh contender's
	 * throughput still climbed 12-40 % a run after eight runs of 3 s: the JIT competes
	 * with the load for the cores
	 * @param quickMaxRuns the same, quick: too few to settle, so the quick report says it
	 * did not, but the quick run stays short
	 * @param budget no warm-up run beyond the fewest starts after this long
	 * @param tolerance how far apart two runs' throughputs may be, as a share of the
	 * larger, to agree
	 */
	public record Stabilise(@DefaultValue("5s") Duration run, @DefaultValue("3s") Duration quickRun,
			@DefaultValue("2") int minRuns, @DefaultValue("16") int maxRuns, @DefaultValue("3") int quickMaxRuns,
			@DefaultValue("90s") Duration budget, @DefaultValue("0.05") double tolerance) {

		public Stabilise {
			if (minRuns < 2 || maxRuns < minRuns || quickMaxRuns < minRuns) {
				throw new IllegalArgumentException("threadlab.bench.stabilise: 2 <= min-runs <= max-runs and "
						+ "quick-max-runs, not " + minRuns + ", " + maxRuns + " and " + quickMaxRuns);
			}
		}

		/**
		 * The same rule with the quick benchmark's most runs.
		 * @return the rule
		 */
		Stabilise quick() {
			return new Stabilise(this.run, this.quickRun, this.minRuns, this.quickMaxRuns, this.quickMaxRuns,
					this.budget, this.tolerance);
		}

	}

	/**
	 * The open-model level: requests due at a fixed rate whatever the answers, each
	 * latency counted from when it was due.
	 *
	 * @param enabled run it, after each contender's sweep
	 * @param quick run it in the quick benchmark too (it adds about half a minute)
	 * @param rate requests a second
	 * @param duration how long it is measured, after its warm-up
	 * @param quickDuration the same, quick
	 */
	public record Open(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean quick,
			@DefaultValue("500") int rate, @DefaultValue("10s") Duration duration,
			@DefaultValue("3s") Duration quickDuration) {
	}

	/**
	 * The pool-ceiling level (issue #12): every contender on PostgreSQL, started afresh
	 * for each pool size, under clients whose every request holds a connection for its
	 * whole delay ({@code pg_sleep} in the query's own statement). The pool is then the
	 * ceiling of every model; the level measures how close each comes to it and where the
	 * rest of its requests wait: for a connection (the pool's pending), before the app
	 * (Tomcat's accept queue), or nowhere. It needs a server, so it runs only when asked
	 * ({@code ./run.sh bench --pool}), and then instead of the H2 sweep.
	 *
	 * @param enabled run this level, and only this one
	 * @param sizes the pool sizes ({@code lab.db.pool-size}), one fresh start each
	 * @param quickSizes the same, quick
	 * @param concurrency the clients, each sending one request, all at once: one wave
	 * @param delayMs each request's database delay
	 * @param profile the profile that puts a contender on PostgreSQL
	 * @param maxConnections the server's {@code max_connections} as {@code run.sh} read
	 * it, 0 when unknown; a pool that does not fit under it is skipped, with a note
	 * @param reservedConnections connections the server keeps for superusers
	 * ({@code superuser_reserved_connections})
	 */
	public record Pool(@DefaultValue("false") boolean enabled, @DefaultValue( {
			"10", "100", "400" }) List<Integer> sizes, @DefaultValue({ "10", "100" }) List<Integer> quickSizes,
			@DefaultValue("400") int concurrency, @DefaultValue("1000") int delayMs,
			@DefaultValue("postgres") String profile, @DefaultValue("0") int maxConnections,
			@DefaultValue("3") int reservedConnections){

		/**
		 * Whether a pool of this size fits on the server, as far as is known.
		 * @param size the pool's size
		 * @return true when {@code max_connections} is unknown or leaves room for it
		 */
		boolean fits(int size) {
			return this.maxConnections <= 0 || size <= this.maxConnections - this.reservedConnections;
		}

	}

	/**
	 * The pool sizes of the pool-ceiling level.
	 * @return the quick or the full list
	 */
	List<Integer> poolSizes() {
		return this.quick ? this.pool.quickSizes() : this.pool.sizes();
	}

	/**
	 * The levels to run.
	 * @return the quick or the full sweep
	 */
	List<Integer> sweep() {
		return this.quick ? this.quickLevels : this.levels;
	}

	/**
	 * How long each level is measured.
	 * @return the quick or the full duration
	 */
	Duration duration() {
		return this.quick ? this.quickLevelDuration : this.levelDuration;
	}

	/**
	 * How long each run warms up before it is measured.
	 * @return the quick or the full warm-up
	 */
	Duration runWarmup() {
		return this.quick ? this.quickLevelWarmup : this.levelWarmup;
	}

	/**
	 * How long each stabilising warm-up run sends.
	 * @return the quick or the full duration
	 */
	Duration stabiliseRun() {
		return this.quick ? this.stabilise.quickRun() : this.stabilise.run();
	}

	/**
	 * How many stabilising warm-up runs, for how long, how close.
	 * @return the quick or the full rule
	 */
	Stabilise stabiliseRule() {
		return this.quick ? this.stabilise.quick() : this.stabilise;
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

	/**
	 * Whether to run the open-model level.
	 * @return whether it is enabled, for this kind of benchmark
	 */
	boolean runOpen() {
		return this.open.enabled() && (!this.quick || this.open.quick());
	}

	/**
	 * How long the open-model level is measured.
	 * @return the quick or the full duration
	 */
	Duration openDuration() {
		return this.quick ? this.open.quickDuration() : this.open.duration();
	}

}
