package dev.threadlab.dashboard.bench;

/**
 * What one run cost a contender, from its {@code GET /api/costs} read before and after
 * the run (warm-up included) and polled during it. A figure the contender did not give is
 * -1.
 *
 * @param requests the requests it counted as served over the run
 * @param cpuMsPerRequest the process's CPU milliseconds per request served
 * @param voluntaryPerRequest voluntary context switches (a thread waited) per request
 * @param involuntaryPerRequest involuntary context switches (the kernel took the CPU
 * away) per request
 * @param peakStacksBytes the most committed thread stacks (Native Memory Tracking)
 * @param peakRssBytes the most resident memory it reported
 */
record RunCosts(long requests, double cpuMsPerRequest, double voluntaryPerRequest, double involuntaryPerRequest,
		long peakStacksBytes, long peakRssBytes) {

	/** Nothing known: the contender gave no costs. */
	static final RunCosts UNKNOWN = new RunCosts(-1, -1, -1, -1, -1, -1);

}
