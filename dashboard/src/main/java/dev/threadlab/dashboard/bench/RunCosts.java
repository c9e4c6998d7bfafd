package dev.threadlab.dashboard.bench;

/**
 * What one run cost a contender, from its {@code GET /api/costs} read before and after
 * the run (warm-up included) and polled during it. A figure the contender did not give is
 * -1. The bench writes it per level; a race shows it per app under its result.
 *
 * @param requests the requests it counted as served over the run
 * @param cpuMsPerRequest the process's CPU milliseconds per request served
 * @param voluntaryPerRequest voluntary context switches (a thread waited) per request
 * @param involuntaryPerRequest involuntary context switches (the kernel took the CPU
 * away) per request
 * @param peakStacksBytes the most committed thread stacks (Native Memory Tracking)
 * @param peakRssBytes the most resident memory it reported
 * @param peakPlatformThreads the most platform threads it had
 * @param peakVirtualThreads the most virtual threads it had running requests
 */
public record RunCosts(long requests, double cpuMsPerRequest, double voluntaryPerRequest, double involuntaryPerRequest,
		long peakStacksBytes, long peakRssBytes, long peakPlatformThreads, long peakVirtualThreads) {

	/** Nothing known: the contender gave no costs. */
	public static final RunCosts UNKNOWN = new RunCosts(-1, -1, -1, -1, -1, -1, -1, -1);

	/**
	 * The costs without the thread peaks, as the bench's report reads them.
	 * @param requests the requests served
	 * @param cpuMsPerRequest CPU milliseconds per request
	 * @param voluntaryPerRequest voluntary context switches per request
	 * @param involuntaryPerRequest involuntary context switches per request
	 * @param peakStacksBytes the most committed thread stacks
	 * @param peakRssBytes the most resident memory
	 */
	RunCosts(long requests, double cpuMsPerRequest, double voluntaryPerRequest, double involuntaryPerRequest,
			long peakStacksBytes, long peakRssBytes) {
		this(requests, cpuMsPerRequest, voluntaryPerRequest, involuntaryPerRequest, peakStacksBytes, peakRssBytes, -1,
				-1);
	}

	/**
	 * The same costs with the thread peaks of the run.
	 * @param platform the most platform threads, or -1
	 * @param virtual the most virtual threads running requests, or -1
	 * @return the costs
	 */
	RunCosts withThreadPeaks(long platform, long virtual) {
		return new RunCosts(this.requests, this.cpuMsPerRequest, this.voluntaryPerRequest, this.involuntaryPerRequest,
				this.peakStacksBytes, this.peakRssBytes, platform, virtual);
	}

}
