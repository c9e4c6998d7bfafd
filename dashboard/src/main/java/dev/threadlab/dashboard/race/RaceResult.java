package dev.threadlab.dashboard.race;

import dev.threadlab.shared.contract.Trace;
import org.jspecify.annotations.Nullable;

/**
 * One request of a race, as the dashboard saw it from the client side.
 *
 * @param app the app it went to
 * @param index its place in the order of sending
 * @param label its name on the bars
 * @param sentMs when it was sent, after the race started
 * @param latencyMs from sending to the whole answer
 * @param status the HTTP status, 0 when there was no answer
 * @param trace the server's trace, when it answered with one
 * @param waitingMs latency the server did not see: the accept queue, the wait for a free
 * thread or loop, the network (latency minus the server's {@code elapsedMs})
 * @param servedMs the server's {@code elapsedMs}
 * @param error why there was no answer
 * @param probe whether it was a probe, which only measures how fast the app answers
 * @param leg the app's run it belongs to ({@link RaceLeg#key()}): the app's name, or
 * {@code <app>@<threads>} in a round on a Tomcat thread count
 */
public record RaceResult(String app, int index, String label, double sentMs, double latencyMs, int status,
		@Nullable Trace trace, double waitingMs, double servedMs, @Nullable String error, boolean probe, String leg) {

	static RaceResult answered(RaceLeg leg, RacePlan.PlannedRequest request, double sentMs, double latencyMs,
			int status, @Nullable Trace trace) {
		double served = (trace != null) ? Math.min(trace.elapsedMs(), latencyMs) : 0;
		return new RaceResult(leg.app(), request.index(), request.label(), sentMs, latencyMs, status, trace,
				latencyMs - served, served, null, request.probe(), leg.key());
	}

	static RaceResult failed(RaceLeg leg, RacePlan.PlannedRequest request, double sentMs, double latencyMs,
			String error) {
		return new RaceResult(leg.app(), request.index(), request.label(), sentMs, latencyMs, 0, null, latencyMs, 0,
				error, request.probe(), leg.key());
	}

	/**
	 * When the whole answer was in, after the race started.
	 * @return the time in milliseconds
	 */
	public double doneMs() {
		return this.sentMs + this.latencyMs;
	}

}
