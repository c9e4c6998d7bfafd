package dev.threadlab.shared.loops;

import java.util.concurrent.TimeUnit;

/**
 * One event loop as the {@link LoopMonitor} needs it, whatever library runs it: a way to
 * run a task on its thread, now or after a delay, and the count of tasks waiting for it.
 * Both calls are made from the loop's own thread as well as from others, and neither may
 * block.
 */
public interface LoopExecutor {

	/**
	 * Runs a task on the loop's thread as soon as it can.
	 * @param task the task
	 */
	void execute(Runnable task);

	/**
	 * Runs a task on the loop's thread after a delay.
	 * @param task the task
	 * @param delay the delay
	 * @param unit its unit
	 */
	void schedule(Runnable task, long delay, TimeUnit unit);

	/**
	 * Tasks handed to the loop and not yet run.
	 * @return the count, never negative
	 */
	int pendingTasks();

}
