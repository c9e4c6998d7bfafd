package dev.threadlab.shared.threads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jspecify.annotations.Nullable;

/**
 * Thread facts that need Java 21 while the code compiles for 17.
 */
public final class Threads {

	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

	private Threads() {
	}

	/**
	 * Whether a thread is virtual.
	 * @param thread the thread
	 * @return {@code true} only on Java 21+ for a virtual thread
	 */
	public static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(thread);
		}
		catch (Throwable ex) {
			return false;
		}
	}

	/**
	 * Whether this JVM can run virtual threads.
	 * @return {@code true} on Java 21+
	 */
	public static boolean virtualThreadsAvailable() {
		return Runtime.version().feature() >= 21;
	}

	private static @Nullable MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (ReflectiveOperationException ex) {
			return null; // Java 17: no virtual threads
		}
	}

}
