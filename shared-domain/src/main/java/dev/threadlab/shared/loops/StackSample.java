package dev.threadlab.shared.loops;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The JVM's platform threads with the top of their stacks, taken once from outside them:
 * what {@code /api/loops} tells loop states and busy pool threads from.
 * <p>
 * Taking it is a blocking read (the JVM stops each thread for a moment to walk its
 * stack), so it never runs on an event loop.
 */
public final class StackSample {

	/**
	 * Deep enough to reach {@code ThreadPoolExecutor.getTask} under the frames of a
	 * parked worker (JDK 21+ adds a few), shallow enough to stay cheap.
	 */
	static final int DEPTH = 16;

	private final Map<Long, ThreadInfo> byId;

	private final long sampler;

	StackSample(List<ThreadInfo> threads, long sampler) {
		this.byId = new HashMap<>();
		for (ThreadInfo info : threads) {
			this.byId.put(info.getThreadId(), info);
		}
		this.sampler = sampler;
	}

	/**
	 * Samples every platform thread now.
	 * @return the sample
	 */
	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; the build targets
										// 17
	public static StackSample take() {
		ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, DEPTH);
		return new StackSample(List.of(threads), Thread.currentThread().getId());
	}

	/**
	 * What a loop thread was doing.
	 * @param threadId the loop's thread
	 * @return its state; {@link LoopState#WAITING} when the thread was not sampled
	 */
	public LoopState loopState(long threadId) {
		ThreadInfo info = this.byId.get(threadId);
		return (info != null) ? LoopState.of(info.getThreadState(), info.getStackTrace()) : LoopState.WAITING;
	}

	/**
	 * The threads whose names match.
	 * @param names such as {@code boundedElastic-\d+}
	 * @return how many were sampled
	 */
	public int threads(Pattern names) {
		int count = 0;
		for (ThreadInfo info : this.byId.values()) {
			if (names.matcher(info.getThreadName()).matches()) {
				count++;
			}
		}
		return count;
	}

	/**
	 * The threads of an executor pool that were running a task: every thread of the pool
	 * but those waiting in {@code ThreadPoolExecutor.getTask} for one, and but the thread
	 * taking this sample (its task is this read, not the app's work).
	 * @param names such as {@code parallel-\d+}
	 * @return how many were busy
	 */
	public int busy(Pattern names) {
		int count = 0;
		for (ThreadInfo info : this.byId.values()) {
			if (names.matcher(info.getThreadName()).matches() && info.getThreadId() != this.sampler
					&& !waitsForATask(info.getStackTrace())) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Whether the thread taking the sample belongs to a pool, so that a caller can leave
	 * it out of a count the pool keeps itself.
	 * @param names such as {@code boundedElastic-\d+}
	 * @return {@code true} when the sampling thread's name matches
	 */
	public boolean takenIn(Pattern names) {
		@Nullable ThreadInfo self = this.byId.get(this.sampler);
		return self != null && names.matcher(self.getThreadName()).matches();
	}

	static boolean waitsForATask(StackTraceElement[] stack) {
		for (StackTraceElement frame : stack) {
			if (frame.getMethodName().equals("getTask")
					&& frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")) {
				return true;
			}
		}
		return false;
	}

}
