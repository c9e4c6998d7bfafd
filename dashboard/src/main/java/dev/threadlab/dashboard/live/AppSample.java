package dev.threadlab.dashboard.live;

import java.time.Instant;

import dev.threadlab.shared.contract.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * One poll of an app's threads: what it answered, or why it did not.
 *
 * @param app the app's name
 * @param status {@code up}; {@code stalled} when it accepted the poll but did not answer
 * in time (its threads or event loop are all busy); {@code down} when it could not be
 * reached
 * @param threads its threads, when it answered
 * @param problem why it did not answer
 * @param at when the dashboard got the answer
 */
public record AppSample(String app, String status, @Nullable ThreadSnapshot threads, @Nullable String problem,
		Instant at) {

	static final String UP = "up";

	static final String STALLED = "stalled";

	static final String DOWN = "down";

	boolean isUp() {
		return UP.equals(this.status);
	}

}
