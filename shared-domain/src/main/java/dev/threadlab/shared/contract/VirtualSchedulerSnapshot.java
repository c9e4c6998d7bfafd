package dev.threadlab.shared.contract;

/**
 * The JDK's scheduler of virtual threads at one moment ({@code
 * jdk.management.VirtualThreadSchedulerMXBean}, JDK 24+).
 *
 * @param parallelism the carrier threads it aims to keep running virtual threads
 * @param poolSize its carrier threads alive now
 * @param mounted virtual threads mounted on a carrier now (running)
 * @param queued virtual threads ready to run and waiting for a carrier (an estimate)
 */
public record VirtualSchedulerSnapshot(int parallelism, int poolSize, int mounted, long queued) {
}
