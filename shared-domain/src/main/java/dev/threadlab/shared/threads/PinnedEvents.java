package dev.threadlab.shared.threads;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;
import org.jspecify.annotations.Nullable;

/**
 * Counts virtual threads pinned to their carrier, from JFR's
 * {@code jdk.VirtualThreadPinned} events (Java 21+). On JDK 21 to 23 a virtual thread
 * that blocks inside {@code synchronized} pins its carrier; JEP 491 lifted that in JDK
 * 24, so there the count stays near zero.
 */
public final class PinnedEvents implements AutoCloseable {

	private static final String EVENT = "jdk.VirtualThreadPinned";

	private final @Nullable RecordingStream stream;

	private final AtomicLong count = new AtomicLong();

	private PinnedEvents(@Nullable RecordingStream stream) {
		this.stream = stream;
	}

	/**
	 * A count that records nothing, for apps without virtual threads.
	 * @return the empty count
	 */
	public static PinnedEvents none() {
		return new PinnedEvents(null);
	}

	/**
	 * Starts recording pinned events where this JVM has them.
	 * @return the running count, or {@link #none()} on a JVM without the event
	 */
	public static PinnedEvents record() {
		if (!hasEvent()) {
			return none();
		}
		RecordingStream stream = new RecordingStream();
		// Every pin counts, not only those over JFR's default 20 ms threshold.
		stream.enable(EVENT).withThreshold(Duration.ZERO).withoutStackTrace();
		PinnedEvents events = new PinnedEvents(stream);
		stream.onEvent(EVENT, (event) -> events.count.incrementAndGet());
		stream.startAsync();
		return events;
	}

	/**
	 * The pins seen since recording started.
	 * @return the count, or {@code null} when nothing is recorded
	 */
	public @Nullable Long count() {
		return (this.stream != null) ? this.count.get() : null;
	}

	@Override
	public void close() {
		if (this.stream != null) {
			this.stream.close();
		}
	}

	private static boolean hasEvent() {
		try {
			for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
				if (type.getName().equals(EVENT)) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException | Error ex) {
			return false; // JFR not available in this JVM
		}
	}

}
