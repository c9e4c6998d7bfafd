package dev.threadlab.shared.contract;

import java.time.Instant;

/**
 * One finished request in the activity ring: its trace fields, flat, with what was asked
 * and how it ended.
 *
 * @param seq the entry's place in the ring's sequence, from 1
 * @param app which app
 * @param model its concurrency model
 * @param requestId the request's id
 * @param arrival arrival counter
 * @param completion completion counter
 * @param receivedAt when the server began handling it
 * @param completedAt when the response was produced
 * @param elapsedMs time between the two, in milliseconds
 * @param startThread the thread that began handling it
 * @param endThread the thread that produced the response
 * @param method the HTTP method
 * @param path the request path
 * @param status the response status
 */
public record ActivityEntry(long seq, String app, String model, String requestId, long arrival, long completion,
		Instant receivedAt, Instant completedAt, double elapsedMs, String startThread, String endThread, String method,
		String path, int status) {

	/**
	 * An entry for a traced request.
	 * @param seq the entry's sequence number
	 * @param trace the request's trace
	 * @param method the HTTP method
	 * @param path the request path
	 * @param status the response status
	 * @return the entry
	 */
	public static ActivityEntry of(long seq, Trace trace, String method, String path, int status) {
		return new ActivityEntry(seq, trace.app(), trace.model(), trace.requestId(), trace.arrival(),
				trace.completion(), trace.receivedAt(), trace.completedAt(), trace.elapsedMs(), trace.startThread(),
				trace.endThread(), method, path, status);
	}

}
