package dev.threadlab.shared.loops;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;

import dev.threadlab.shared.contract.VirtualSchedulerSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JDK's virtual thread scheduler through
 * {@code jdk.management.VirtualThreadSchedulerMXBean}, reached by reflection: the bean is
 * JDK 24+, and the build compiles for 17.
 */
public final class VirtualScheduler {

	private static final String BEAN = "jdk.management.VirtualThreadSchedulerMXBean";

	private final @Nullable Reader reader;

	private VirtualScheduler(@Nullable Reader reader) {
		this.reader = reader;
	}

	/**
	 * The scheduler of this JVM, where it can be read.
	 * @return the reader; {@link #available()} says whether it reads anything
	 */
	public static VirtualScheduler ofThisJvm() {
		try {
			@SuppressWarnings("unchecked")
			Class<? extends PlatformManagedObject> type = (Class<? extends PlatformManagedObject>) Class.forName(BEAN);
			Object bean = ManagementFactory.getPlatformMXBean(type);
			return new VirtualScheduler(new Reader(bean, type.getMethod("getParallelism"),
					type.getMethod("getPoolSize"), type.getMethod("getMountedVirtualThreadCount"),
					type.getMethod("getQueuedVirtualThreadCount")));
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return new VirtualScheduler(null); // before JDK 24, or without jdk.management
		}
	}

	/**
	 * Whether this JVM has the bean.
	 * @return {@code true} on JDK 24+
	 */
	public boolean available() {
		return this.reader != null;
	}

	/**
	 * The scheduler now.
	 * @return its counts, or {@code null} where the JVM cannot tell
	 */
	public @Nullable VirtualSchedulerSnapshot read() {
		if (this.reader == null) {
			return null;
		}
		try {
			return this.reader.read();
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private record Reader(Object bean, Method parallelism, Method poolSize, Method mounted, Method queued) {

		VirtualSchedulerSnapshot read() throws ReflectiveOperationException {
			return new VirtualSchedulerSnapshot((int) this.parallelism.invoke(this.bean),
					(int) this.poolSize.invoke(this.bean), (int) this.mounted.invoke(this.bean),
					(long) this.queued.invoke(this.bean));
		}

	}

}
