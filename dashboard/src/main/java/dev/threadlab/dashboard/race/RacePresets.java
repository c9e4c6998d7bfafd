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
	public static final RacePlan SLEEP = new RacePlan("sleep-on-loop", sleepsAndProbes("/api/sleep?delayMs=2000"), 17);

	/** The cure: the blocking call moved off the event loop. */
	public static final RacePlan SLEEP_OFFLOADED = new RacePlan("sleep-offloaded",
			sleepsAndProbes("/api/sleep?delayMs=2000&offload=true"), 17);

	/** A connection pool of 10 as the limit. */
	public static final RacePlan HOLD = new RacePlan("pool-hold",
			List.of(new RaceGroup("hold", 30, "/api/items/{n}?delayMs=1000&holdConnection=true", 0, 0)), 30);

	/** The same race on fewer Tomcat threads. */
	public static final RacePlan SMALL_POOL = new RacePlan("waves-40",
			List.of(new RaceGroup("r", 40, "/api/items/{n}?delayMs=500", 0, 0)), 40);

	/** The races that tell the seeds' stories. */
	public static final List<RacePlan> STORIES = List.of(ABC, WAVE, SLOW_FILE, CPU);

	/** The races that break a model on purpose. */
	public static final List<RacePlan> BREAK_IT = List.of(SLEEP, SLEEP_OFFLOADED, CPU_CORES, HOLD, SMALL_POOL);

	/** Every preset, in the order the page lists them. */
	public static final List<RacePlan> ALL = Stream.concat(STORIES.stream(), BREAK_IT.stream()).toList();

	private RacePresets() {
	}

	/**
	 * Two sleepers and a cheap probe every 100 ms while they sleep. Two, not one per
	 * loop: Reactor Netty runs at least four loops, so two sleeps hold some of them and
	 * leave the others free to answer, the dashboard's polls of the loops among them; a
	 * sleeper on every loop would leave nothing to show the held loops with.
	 */
	private static List<RaceGroup> sleepsAndProbes(String sleep) {
		return List.of(new RaceGroup("sleep", 2, sleep, 0, 0), RaceGroup.probes(15, "/api/items/1", 200, 100));
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
