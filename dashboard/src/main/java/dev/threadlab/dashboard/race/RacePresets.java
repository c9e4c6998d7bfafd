package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The races that tell threadlab's stories. Their names and stories are in the message
 * bundles, under {@code preset.<id>.title} and {@code preset.<id>.story}.
 */
public final class RacePresets {

	/** Who answers first, when later requests wait less. */
	public static final RacePlan ABC = new RacePlan("abc",
			List.of(new RaceGroup("A", 1, "/api/items/1?delayMs=3000", 0, 0),
					new RaceGroup("B", 1, "/api/items/2?delayMs=1000", 50, 0),
					new RaceGroup("C", 1, "/api/items/3?delayMs=200", 100, 0)),
			3);

	/** Two waves on 200 threads, one on the event loop. */
	public static final RacePlan WAVE = new RacePlan("wave-400",
			List.of(new RaceGroup("r", 400, "/api/items/{n}?delayMs=1000", 0, 0)), 400);

	/** A long wait moved off the event loop. */
	public static final RacePlan SLOW_FILE = new RacePlan("slow-file",
			List.of(new RaceGroup("file", 1, "/api/files/sample-1m.bin?delayMs=3000", 0, 0),
					new RaceGroup("db", 40, "/api/items/{n}?delayMs=50", 200, 60)),
			41);

	/** The event loop's weakness: work that never waits. */
	public static final RacePlan CPU = new RacePlan("cpu-heavy",
			List.of(new RaceGroup("cpu", 1, "/api/cpu?iterations=5000000", 0, 0),
					new RaceGroup("db", 40, "/api/items/{n}?delayMs=20", 50, 25)),
			41);

	/** Work that needs a core: threads and loops cannot add cores. */
	public static final RacePlan CPU_CORES = new RacePlan("cpu-cores",
			List.of(new RaceGroup("cpu", 8, "/api/cpu?iterations=2000000", 0, 0)), 8, true);

	/** What a blocking call does to an event loop. */
	public static final RacePlan SLEEP = new RacePlan("sleep-on-loop", sleepsAndProbes("/api/sleep?delayMs=2000"), 16);

	/** The cure: the blocking call moved off the event loop. */
	public static final RacePlan SLEEP_OFFLOADED = new RacePlan("sleep-offloaded",
			sleepsAndProbes("/api/sleep?delayMs=2000&offload=true"), 16);

	/** A connection pool of 10 as the limit. */
	public static final RacePlan HOLD = new RacePlan("pool-hold",
			List.of(new RaceGroup("hold", 30, "/api/items/{n}?delayMs=1000&holdConnection=true", 0, 0)), 30);

	/** The same race on fewer Tomcat threads. */
	public static final RacePlan SMALL_POOL = new RacePlan("waves-40",
			List.of(new RaceGroup("r", 40, "/api/items/{n}?delayMs=500", 0, 0)), 40);

	/**
	 * What a waiting request costs: 2,000 requests of 5 s at once. Blocking queues them
	 * behind its 200 threads (ten waves, about 50 s); the loops hold them all, and so do
	 * virtual threads, one each.
	 */
	public static final RacePlan SLEEPERS = new RacePlan("sleepers-2000",
			List.of(new RaceGroup("s", 2_000, "/api/items/{n}?delayMs=5000", 0, 0)), 2_000);

	/**
	 * 2,000 requests of 1 s, one app at a time: blocking runs them on its 200 Tomcat
	 * threads, then on 2,000 (the race turns its knob, and turns it back after);
	 * throughput comes near the loop's, memory pays.
	 */
	public static final RacePlan MORE_THREADS = new RacePlan("more-threads",
			List.of(new RaceGroup("r", 2_000, "/api/items/{n}?delayMs=1000", 0, 0)), 2_000, true, List.of(200, 2_000));

	/**
	 * Work that only needs the CPU, 200 requests at once: 200 runnable Tomcat threads
	 * take turns on 2 cores, the loops run it one request after another. One app at a
	 * time, so that each has the cores to itself.
	 */
	public static final RacePlan SWITCHING = new RacePlan("switching",
			List.of(new RaceGroup("cpu", 200, "/api/cpu?iterations=50000", 0, 0)), 200, true);

	/**
	 * The pool as every model's ceiling: 400 waits that each hold a connection. The page
	 * cannot resize a pool while the apps run; the bench's pool level runs 10, 100, 400.
	 */
	public static final RacePlan POOL_CEILING = new RacePlan("pool-ceiling",
			List.of(new RaceGroup("hold", 400, "/api/items/{n}?delayMs=1000&holdConnection=true", 0, 0)), 400);

	/** Shared state: many requests increment one counter unsafely at once. */
	public static final RacePlan SHARED_COUNTER = SharedCounterRace.PLAN;

	/**
	 * Ten calls of 1 s for a lab started with {@code ./run.sh --cpus 1}: ten waiting
	 * ones, then one CPU-heavy call alone (the yardstick), then ten at once. One app
	 * after the other, since every contender is then pinned to the same core.
	 */
	public static final RacePlan ONE_CORE = new RacePlan("one-core",
			List.of(new RaceGroup("wait", 10, "/api/items/{n}?delayMs=1000", 0, 0),
					new RaceGroup("solo", 1, "/api/cpu?iterations=2000000", 1500, 0),
					new RaceGroup("cpu", 10, "/api/cpu?iterations=2000000", 3000, 0)),
			21, true);

	/** The races that tell the seeds' stories. */
	public static final List<RacePlan> STORIES = List.of(ABC, WAVE, SLOW_FILE, CPU);

	/** The races that break a model on purpose. */
	public static final List<RacePlan> BREAK_IT = List.of(SLEEP, SLEEP_OFFLOADED, CPU_CORES, HOLD, SMALL_POOL,
			POOL_CEILING);

	/** The races that ask what each model costs (issue #9). */
	public static final List<RacePlan> COSTS = List.of(SLEEPERS, MORE_THREADS, SWITCHING);

	/** The races the tour at /tour runs for its own ideas (shared state, one core). */
	public static final List<RacePlan> TOUR = List.of(SHARED_COUNTER, ONE_CORE);

	/** Every preset, in the order the page lists them. */
	public static final List<RacePlan> ALL = Stream.of(STORIES, BREAK_IT, COSTS, TOUR).flatMap(List::stream).toList();

	private RacePresets() {
	}

	/**
	 * One sleeper and a cheap probe every 100 ms while it sleeps. One sleep holds one
	 * loop: the probes that land on it wait, the rest answer, and the dashboard can still
	 * read the loops through the others (with every loop held nothing could answer).
	 */
	private static List<RaceGroup> sleepsAndProbes(String sleep) {
		return List.of(new RaceGroup("sleep", 1, sleep, 0, 0), RaceGroup.probes(15, "/api/items/1", 200, 100));
	}

	/**
	 * A preset by id.
	 * @param id the preset's id
	 * @return the preset, if there is one
	 */
	public static Optional<RacePlan> find(String id) {
		return ALL.stream().filter((plan) -> plan.id().equals(id)).findFirst();
	}

}
