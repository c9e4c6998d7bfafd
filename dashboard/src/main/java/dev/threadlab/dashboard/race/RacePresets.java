package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The races that tell threadlab's stories.
 */
public final class RacePresets {

	/** Who answers first, when later requests wait less. */
	public static final RacePlan ABC = new RacePlan("abc", "A, B, C: 3 s, 1 s, 0.2 s",
			"A is sent first, then B, then C, 50 ms apart. Both servers wait for the three database answers "
					+ "at the same time, so each request comes back when its own wait is over: C, B, A. "
					+ "A server that took one request at a time would answer A, B, C, and C would wait 4 s.",
			List.of(new RaceGroup("A", 1, "/api/items/1?delayMs=3000", 0, 0),
					new RaceGroup("B", 1, "/api/items/2?delayMs=1000", 50, 0),
					new RaceGroup("C", 1, "/api/items/3?delayMs=200", 100, 0)),
			3);

	/** Two waves on 200 threads, one on the event loop. */
	public static final RacePlan WAVE = new RacePlan("wave-400", "400 requests of 1 s",
			"Tomcat parks one of its 200 threads for each 1 s wait, so the first 200 requests take every thread "
					+ "and the other 200 queue until one is free: two waves, 2 s in all. The grey part of a bar "
					+ "is that queue, which the server's own timings never see. The event loop hands each wait "
					+ "to a timer and takes the next request at once: one wave of 400 on a handful of threads.",
			List.of(new RaceGroup("r", 400, "/api/items/{n}?delayMs=1000", 0, 0)), 400);

	/** A long wait moved off the event loop. */
	public static final RacePlan SLOW_FILE = new RacePlan("slow-file", "A slow file read among fast database reads",
			"The file read waits 3 s while 40 short database reads arrive, one every 60 ms. On Tomcat the file "
					+ "read just keeps one thread parked and the other threads carry on. The event-loop app "
					+ "must never wait on a loop thread, so the file is read on a worker pool and the loop keeps "
					+ "answering the fast reads: look at the thread that finishes the file read.",
			List.of(new RaceGroup("file", 1, "/api/files/sample-1m.bin?delayMs=3000", 0, 0),
					new RaceGroup("db", 40, "/api/items/{n}?delayMs=50", 200, 60)),
			41);

	/** The event loop's weakness: work that never waits. */
	public static final RacePlan CPU = new RacePlan("cpu-heavy", "One CPU-heavy request among fast ones",
			"Five million rounds of SHA-256 keep a core busy for half a second or more, and there is nothing "
					+ "to wait on, so nothing to hand off. Tomcat computes on one thread while its other threads keep "
					+ "serving. On the event loop the hashing holds a loop thread, and every request whose "
					+ "connection belongs to that loop stands still until it ends: the long grey bars.",
			List.of(new RaceGroup("cpu", 1, "/api/cpu?iterations=5000000", 0, 0),
					new RaceGroup("db", 40, "/api/items/{n}?delayMs=20", 50, 25)),
			41);

	/** Work that needs a core: threads and loops cannot add cores. */
	public static final RacePlan CPU_CORES = new RacePlan("cpu-cores", "Eight CPU-heavy requests, one app at a time",
			"Eight requests of two million SHA-256 rounds each, and nothing to wait on. Whether 200 threads, "
					+ "a few event loops or virtual threads run them, two cores do all the work, so every app "
					+ "needs about the same time: the event loop gains nothing when there is no waiting to hand off. "
					+ "The apps race one after the other, so that none of them shares the cores with another.",
			List.of(new RaceGroup("cpu", 8, "/api/cpu?iterations=2000000", 0, 0)), 8, true);

	/** What a blocking call does to an event loop. */
	public static final RacePlan SLEEP = new RacePlan("sleep-on-loop", "Blocking sleeps on the event loop",
			"Four requests call Thread.sleep for 2 s, one for each event loop of a small machine, and a cheap "
					+ "probe follows every 100 ms. Tomcat and virtual threads give each sleeper a thread of its own, "
					+ "so the probes answer at once. On the event loop the sleeps hold the loops every connection "
					+ "shares, and the probes wait until the sleepers wake: look at the probes' latency.",
			sleepsAndProbes("/api/sleep?delayMs=2000"), 19);

	/** The cure: the blocking call moved off the event loop. */
	public static final RacePlan SLEEP_OFFLOADED = new RacePlan("sleep-offloaded", "The same sleeps, offloaded",
			"The same four 2 s sleeps with offload=true: the event-loop app runs each one on its bounded worker "
					+ "pool (Reactor's boundedElastic) and its loops stay free. The probes now answer within "
					+ "milliseconds on every app; the sleepers still take 2 s, on worker threads.",
			sleepsAndProbes("/api/sleep?delayMs=2000&offload=true"), 19);

	/** A connection pool of 10 as the limit. */
	public static final RacePlan HOLD = new RacePlan("pool-hold", "30 reads that hold a connection for 1 s",
			"With holdConnection=true each request keeps its pooled database connection for the whole 1 s wait. "
					+ "Every app has a pool of 10, so 10 requests run and 20 wait for a connection: three waves, "
					+ "3 s, whatever the threading model. Watch the db pool line on each app: 10 in use, 20 waiting.",
			List.of(new RaceGroup("hold", 30, "/api/items/{n}?delayMs=1000&holdConnection=true", 0, 0)), 30);

	/** The same race on fewer Tomcat threads. */
	public static final RacePlan SMALL_POOL = new RacePlan("waves-40", "40 requests of 0.5 s: try 200, 20, 2 threads",
			"Forty requests that each wait 0.5 s. On 200 Tomcat threads they all run at once; set blocking's "
					+ "threads to 20 with the buttons on its card and they come in two waves, on 2 in twenty waves "
					+ "(10 s). The event loop and virtual threads have no such pool to run out of.",
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
	 * Four sleepers, one for each event loop of a small machine, and a cheap probe every
	 * 100 ms while they sleep.
	 */
	private static List<RaceGroup> sleepsAndProbes(String sleep) {
		return List.of(new RaceGroup("sleep", 4, sleep, 0, 0), RaceGroup.probes(15, "/api/items/1", 200, 100));
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
