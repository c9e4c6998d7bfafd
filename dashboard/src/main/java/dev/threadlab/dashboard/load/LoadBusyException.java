package dev.threadlab.dashboard.load;

/**
 * Thrown when a load run is asked for while one is running: two runs on one machine would
 * measure each other.
 */
public class LoadBusyException extends RuntimeException {

	LoadBusyException() {
		super("a load run is already running; one at a time");
	}

}
