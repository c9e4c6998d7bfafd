package dev.threadlab.shared.contract;

/**
 * The three contenders: which app answered and which concurrency model it runs on.
 */
public enum Contender {

	/** Spring MVC on Tomcat's pool of platform threads. */
	BLOCKING("blocking", "thread-per-request"),

	/** Spring WebFlux on Reactor Netty's event loops. */
	REACTIVE("reactive", "event-loop"),

	/** blocking-app's code run on virtual threads (Java 21+). */
	VIRTUAL("virtual", "virtual-threads");

	private final String app;

	private final String model;

	Contender(String app, String model) {
		this.app = app;
		this.model = model;
	}

	/**
	 * The {@code app} field of a trace.
	 * @return {@code blocking}, {@code reactive} or {@code virtual}
	 */
	public String app() {
		return this.app;
	}

	/**
	 * The {@code model} field of a trace.
	 * @return {@code thread-per-request}, {@code event-loop} or {@code virtual-threads}
	 */
	public String model() {
		return this.model;
	}

}
