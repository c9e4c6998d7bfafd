package dev.threadlab.shared.trace;

import java.time.Instant;

import dev.threadlab.shared.contract.Trace;
import dev.threadlab.shared.threads.Threads;

import org.jspecify.annotations.Nullable;

/**
 * One request's trace while it runs: begun by {@link Tracer#begin}, finished once, by
 * whichever thread produces the response. Where tracing is off, handlers are given the
 * shared {@linkplain #off() off trace} instead, which costs nothing and finishes as no
 * trace at all.
 */
public final class RequestTrace {

	private static final RequestTrace OFF = new RequestTrace();

	/** {@code null} only in the off trace. */
	private final @Nullable Tracer tracer;

	private final String requestId;

	private final long arrival;

	private final Instant receivedAt;

	private final long startNanos;

	private final String startThread;

	private final boolean virtual;

	private volatile @Nullable Trace finished;

	RequestTrace(Tracer tracer, String requestId, long arrival) {
		Thread thread = Thread.currentThread();
		this.tracer = tracer;
		this.requestId = requestId;
		this.arrival = arrival;
		this.receivedAt = Instant.now();
		this.startNanos = System.nanoTime();
		this.startThread = thread.getName();
		this.virtual = Threads.isVirtual(thread);
	}

	/** The off trace: no tracer, no request, no clock read. */
	private RequestTrace() {
		this.tracer = null;
		this.requestId = "";
		this.arrival = 0;
		this.receivedAt = Instant.EPOCH;
		this.startNanos = 0;
		this.startThread = "";
		this.virtual = false;
	}

	/**
	 * The trace handed to handlers where tracing is off
	 * ({@code lab.trace.enabled=false}): one shared instance whose {@link #finish()}
	 * answers {@code null}, so that answers carry {@code "trace": null}.
	 * @return the off trace
	 */
	public static RequestTrace off() {
		return OFF;
	}

	/**
	 * The request's id: the caller's {@code X-Request-Id} when valid, else a new one. The
	 * off trace belongs to no request and answers an empty string.
	 * @return the id
	 */
	public String requestId() {
		return this.requestId;
	}

	boolean virtual() {
		return this.virtual;
	}

	/**
	 * Finishes the trace on the calling thread, which is taken as the one that produced
	 * the response. Later calls answer the same trace.
	 * @return the finished trace, or {@code null} for the {@linkplain #off() off trace}
	 */
	public @Nullable Trace finish() {
		Tracer tracer = this.tracer;
		return (tracer != null) ? finish(tracer) : null;
	}

	private Trace finish(Tracer tracer) {
		Trace trace = this.finished;
		if (trace != null) {
			return trace;
		}
		synchronized (this) {
			// Only the rare race between a handler and an error path ever waits here.
			trace = this.finished;
			if (trace == null) {
				long elapsedNanos = System.nanoTime() - this.startNanos;
				Instant completedAt = this.receivedAt.plusNanos(elapsedNanos);
				trace = new Trace(tracer.contender().app(), tracer.contender().model(), this.requestId, this.arrival,
						tracer.nextCompletion(), this.receivedAt, completedAt,
						Math.round(elapsedNanos / 10_000.0) / 100.0, this.startThread,
						Thread.currentThread().getName());
				this.finished = trace;
			}
			return trace;
		}
	}

}
