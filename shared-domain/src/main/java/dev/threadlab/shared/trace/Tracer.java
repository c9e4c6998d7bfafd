package dev.threadlab.shared.trace;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.Trace;
import dev.threadlab.shared.limits.Params;

import org.jspecify.annotations.Nullable;

/**
 * Counts requests as they arrive and finish, and keeps the last ones in an
 * {@link ActivityLog}. It sits on every request, so it takes no locks: a few atomic
 * increments and one small object per request.
 */
public final class Tracer {

	private final Contender contender;

	private final ActivityLog activity;

	private final AtomicLong arrivals = new AtomicLong();

	private final AtomicLong completions = new AtomicLong();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger virtualInFlight = new AtomicInteger();

	/**
	 * A tracer for one app.
	 * @param contender which contender this process is
	 * @param activityCapacity how many finished requests to keep
	 */
	public Tracer(Contender contender, int activityCapacity) {
		this.contender = contender;
		this.activity = new ActivityLog(activityCapacity);
	}

	/**
	 * Whether requests to a path are traced: everything but the lab's own probes and
	 * knobs.
	 * @param path the request path
	 * @return {@code false} for {@code /api/threads}, {@code /api/activity},
	 * {@code /api/costs}, {@code /api/lab/**} and {@code /actuator/**}
	 */
	public static boolean traces(String path) {
		// /api/costs and /api/loops too: a client that reads the costs around its
		// requests must not count its own reads, or the dashboard's polls, as requests
		// served.
		return !(path.equals("/api/threads") || path.equals("/api/activity") || path.equals("/api/costs")
				|| path.equals("/api/loops") || path.startsWith("/api/lab/") || path.equals("/actuator")
				|| path.startsWith("/actuator/"));
	}

	/**
	 * The contender whose requests this tracer counts.
	 * @return the contender
	 */
	public Contender contender() {
		return this.contender;
	}

	/**
	 * Begins a request's trace on the thread that took the request.
	 * @param requestIdHeader the caller's {@code X-Request-Id}, or {@code null}
	 * @return the running trace
	 */
	public RequestTrace begin(@Nullable String requestIdHeader) {
		String requestId = Params.isRequestId(requestIdHeader) ? requestIdHeader : newRequestId();
		RequestTrace trace = new RequestTrace(this, requestId, this.arrivals.incrementAndGet());
		this.inFlight.incrementAndGet();
		if (trace.virtual()) {
			this.virtualInFlight.incrementAndGet();
		}
		return trace;
	}

	/**
	 * Ends a request: finishes its trace if the handler did not, and records it.
	 * @param trace the request's trace, from {@link #begin}
	 * @param method the HTTP method
	 * @param path the request path
	 * @param status the response status
	 */
	public void end(RequestTrace trace, String method, String path, int status) {
		Trace finished = trace.finish();
		if (finished == null) {
			// Only begin() makes a trace to end; the off trace is never begun.
			throw new IllegalArgumentException("The off trace has nothing to end");
		}
		this.activity.record(finished, method, path, status);
		this.inFlight.decrementAndGet();
		if (trace.virtual()) {
			this.virtualInFlight.decrementAndGet();
		}
	}

	/**
	 * Requests being handled now.
	 * @return the count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Requests being handled now on a virtual thread; the JVM's thread counts do not see
	 * virtual threads, so this is how they are counted.
	 * @return the count
	 */
	public int virtualThreads() {
		return this.virtualInFlight.get();
	}

	/**
	 * Finished requests after a sequence number, oldest first.
	 * @param after the last sequence number already seen
	 * @param limit the most entries to answer
	 * @return the page
	 */
	public ActivityPage activity(long after, int limit) {
		return this.activity.after(after, limit);
	}

	/**
	 * Traced requests finished since start: a request counts once its trace is finished,
	 * which is before its answer is sent, so a client that has its answer sees it
	 * counted.
	 * @return the count
	 */
	public long completed() {
		return this.completions.get();
	}

	long nextCompletion() {
		return this.completions.incrementAndGet();
	}

	/**
	 * A random (version 4) UUID from {@link ThreadLocalRandom}: {@link UUID#randomUUID()}
	 * reads {@code /dev/urandom}, a blocking call that has no place on an event loop.
	 */
	private static String newRequestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(3L << 62)) | (2L << 62);
		return new UUID(most, least).toString();
	}

}
