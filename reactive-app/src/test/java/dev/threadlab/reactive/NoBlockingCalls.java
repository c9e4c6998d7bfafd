package dev.threadlab.reactive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;

/**
 * BlockHound for the tests of the real server: installed once in the test JVM, it catches
 * every blocking call made on a thread that must never block (Reactor Netty's event
 * loops, Reactor's {@code parallel-N} timers) and fails the test that made it.
 * <p>
 * A caught call is recorded, not thrown: a throw would turn it into a 500, which breaks
 * the other test classes of this JVM that call {@code /api/sleep} without {@code offload}
 * on purpose (the contract kit does). Recording still fails the test, in
 * {@link #afterEach}, unless the test {@linkplain #drain() took the calls} to assert on
 * them.
 */
final class NoBlockingCalls implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

	private static final Queue<BlockingCall> caught = new ConcurrentLinkedQueue<>();

	static {
		// One allowance, inside Netty; none in this app's code, none for H2. r2dbc-h2
		// runs each statement through H2's embedded engine on the thread that subscribes
		// (an event loop, or parallel-N after a delay), so H2's own waits were the
		// entries expected here. None is needed: for this app's statements on an
		// in-memory database the engine reaches no call BlockHound marks (wait, park,
		// sleep, file or socket I/O), even under thousands of concurrent requests.
		BlockHound.install((builder) -> builder
			// Netty 4.2's default buffer allocator takes a StampedLock for a moment when
			// two event loops grow its magazines at once: memory bookkeeping, not a wait
			// for I/O. Netty's own BlockHound integration allows the same locks of its
			// older pooled allocator, not yet this one's; Armeria allows it the same way.
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator", "allocate")
			.blockingMethodCallback(NoBlockingCalls::record));
	}

	/**
	 * Takes the calls caught so far, so the test that expects them can assert on them.
	 * @return the calls, oldest first
	 */
	static List<BlockingCall> drain() {
		List<BlockingCall> calls = new ArrayList<>();
		for (BlockingCall call = caught.poll(); call != null; call = caught.poll()) {
			calls.add(call);
		}
		return calls;
	}

	/**
	 * Takes only the calls made by {@code /api/sleep}, the one endpoint whose purpose is
	 * a blocking call on the event loop, and leaves every other call to fail the test:
	 * for a class that runs the contract kit (which calls it without {@code offload})
	 * under BlockHound.
	 * @return the calls taken
	 */
	static List<BlockingCall> drainSleepEndpoint() {
		List<BlockingCall> taken = new ArrayList<>();
		caught.removeIf((call) -> call.onSleepEndpoint() && taken.add(call));
		return taken;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// Installed by the static initializer, before the server starts.
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		drain(); // another test class's requests are not this test's
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<BlockingCall> calls = drain();
		if (!calls.isEmpty()) {
			AssertionError failure = new AssertionError(
					calls.size() + " blocking call(s) on a non-blocking thread; the first: " + calls.get(0));
			failure.initCause(calls.get(0).where());
			throw failure;
		}
	}

	private static void record(BlockingMethod method) {
		Thread thread = Thread.currentThread();
		caught.add(new BlockingCall(method.toString(), thread.getName(), new Throwable("Called here")));
	}

	/**
	 * A blocking call BlockHound caught.
	 *
	 * @param method the blocking method, such as {@code java.lang.Thread.sleep}
	 * @param thread the name of the thread that called it
	 * @param where the stack of the call
	 */
	record BlockingCall(String method, String thread, Throwable where) {

		@Override
		public String toString() {
			return this.method + " on " + this.thread;
		}

		boolean onSleepEndpoint() {
			return Arrays.stream(this.where.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().equals("dev.threadlab.reactive.lab.LabController")
						&& frame.getMethodName().contains("sleep"));
		}

	}

}
