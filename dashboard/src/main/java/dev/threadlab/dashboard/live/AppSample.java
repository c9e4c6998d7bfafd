package dev.threadlab.dashboard.live;

import java.time.Instant;

import dev.threadlab.shared.contract.ThreadSnapshot;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One poll of an app's threads: what it answered, or why it did not.
 *
 * @param app the app's name
 * @param status {@code up}; {@code stalled} when it accepted the poll but did not answer
 * in time (its threads or event loop are all busy); {@code down} when it could not be
 * reached
 * @param threads its threads, when it answered
 * @param costs its {@code GET /api/costs}, as it answered, when it did within the poll's
 * time (the page takes differences between two samples)
 * @param loops its {@code GET /api/loops}, as it answered, when it did within the poll's
 * time
 * @param problem why it did not answer
 * @param at when the dashboard got the answer
 */
public record AppSample(String app, String status, @Nullable ThreadSnapshot threads, @Nullable JsonNode costs,
		@Nullable JsonNode loops, @Nullable String problem, Instant at) {

	/**
	 * A sample without costs or loops: an app that was not asked, or could not answer.
	 * @param app the app's name
	 * @param status its status
	 * @param threads its threads, when it answered
	 * @param problem why it did not answer
	 * @param at when the dashboard got the answer
	 */
	public AppSample(String app, String status, @Nullable ThreadSnapshot threads, @Nullable String problem,
			Instant at) {
		this(app, status, threads, null, null, problem, at);
	}

	static final String UP = "up";

	static final String STALLED = "stalled";

	static final String DOWN = "down";

	boolean isUp() {
		return UP.equals(this.status);
	}

}
