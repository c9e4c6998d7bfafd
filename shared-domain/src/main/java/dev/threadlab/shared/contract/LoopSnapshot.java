package dev.threadlab.shared.contract;

/**
 * One event loop at one moment.
 *
 * @param thread the loop's thread, such as {@code reactor-http-epoll-1}
 * @param pool the lab's pool for it, {@code event-loop}
 * @param state {@code waiting} (parked in {@code epoll_wait} or {@code select} until an
 * event comes), {@code running} (running a callback) or {@code blocked} (sleeping, parked
 * on a lock, or waiting on I/O outside the selector)
 * @param lagMs how late the loop runs a task due now
 * @param utilization the loop thread's CPU time over wall time in the last second, 0 to 1
 * @param pendingTasks tasks handed to the loop and not yet run
 */
public record LoopSnapshot(String thread, String pool, String state, LoopLag lagMs, double utilization,
		int pendingTasks) {
}
