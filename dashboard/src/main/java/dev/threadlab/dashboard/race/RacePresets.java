package dev.threadlab.dashboard.race;

import java.util.List;
import java.util.Optional;

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

	/** What a blocking call does to an event loop. */
	public static final RacePlan SLEEP = new RacePlan("sleep-on-loop", "A blocking sleep on the event loop",
			"Thread.sleep stands for any blocking call. On Tomcat it is business as usual: the sleeping request "
					+ "keeps its own thread and nobody else notices. On the event loop the sleep holds a loop "
					+ "thread that other connections share, so the requests behind it wait until it wakes; "
					+ "with offload=true the sleep would run on a worker pool instead.",
			List.of(new RaceGroup("sleep", 1, "/api/sleep?delayMs=2000", 0, 0),
					new RaceGroup("db", 40, "/api/items/{n}?delayMs=20", 100, 50)),
			41);

	/** Every preset, in the order the page lists them. */
	public static final List<RacePlan> ALL = List.of(ABC, WAVE, SLOW_FILE, CPU, SLEEP);

	private RacePresets() {
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
