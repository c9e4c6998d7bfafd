package dev.threadlab.dashboard.race;

/**
 * Thrown when a race is asked for while another one runs.
 */
public class RaceBusyException extends RuntimeException {

	RaceBusyException() {
		super("a race is running; one at a time");
	}

}
