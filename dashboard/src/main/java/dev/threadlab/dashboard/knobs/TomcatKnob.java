package dev.threadlab.dashboard.knobs;

import java.time.Duration;

import dev.threadlab.dashboard.lab.LabApp;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * An app's Tomcat thread knob, {@code /api/lab/knobs}, as the dashboard reads and turns
 * it: for the page's knob buttons ({@link KnobsController}) and for a race that runs its
 * rounds on several thread counts.
 */
public final class TomcatKnob {

	/** The app's knobs, answered to loopback callers only. */
	public static final String PATH = "/api/lab/knobs";

	/**
	 * A knob is turned on one of the app's request threads: while a race keeps them all
	 * busy, the call waits its turn.
	 */
	public static final Duration TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The only model with a request thread pool: virtual threads and the event loop have
	 * none to resize.
	 */
	static final String THREAD_PER_REQUEST = "thread-per-request";

	private TomcatKnob() {
	}

	/**
	 * Whether an app has a Tomcat request pool to resize.
	 * @param app the app
	 * @return {@code true} for the thread-per-request model
	 */
	public static boolean resizable(LabApp app) {
		return THREAD_PER_REQUEST.equals(app.model());
	}

	/**
	 * The path that sets the knob.
	 * @param max the most requests Tomcat runs at once
	 * @return the path and its query
	 */
	public static String setPath(int max) {
		return PATH + "/tomcat-threads?max=" + max;
	}

	/**
	 * Where the knob stands.
	 * @param client the client to ask with
	 * @param app the app
	 * @return the most requests Tomcat runs at once; an error when the knobs are off or
	 * the app does not answer
	 */
	public static Mono<Integer> read(WebClient client, LabApp app) {
		return client.get()
			.uri(app.resolve(PATH))
			.retrieve()
			.bodyToMono(Knobs.class)
			.timeout(TIMEOUT)
			.flatMap(TomcatKnob::value);
	}

	/**
	 * Turns the knob.
	 * @param client the client to ask with
	 * @param app the app
	 * @param max the most requests Tomcat should run at once
	 * @return where the knob stands now; an error when the app refused or did not answer
	 */
	public static Mono<Integer> set(WebClient client, LabApp app, int max) {
		return client.put()
			.uri(app.resolve(setPath(max)))
			.retrieve()
			.bodyToMono(Knobs.class)
			.timeout(TIMEOUT)
			.flatMap(TomcatKnob::value);
	}

	private static Mono<Integer> value(Knobs knobs) {
		Integer max = knobs.tomcatMaxThreads();
		return (max != null) ? Mono.just(max)
				: Mono.error(new IllegalStateException("no Tomcat thread pool to resize"));
	}

	/**
	 * The part of an app's knob answer the dashboard needs.
	 *
	 * @param tomcatMaxThreads the most requests Tomcat runs at once; {@code null} where
	 * there is no Tomcat request pool
	 */
	record Knobs(@Nullable Integer tomcatMaxThreads) {
	}

}
