package dev.threadlab.dashboard.knobs;

import org.jspecify.annotations.Nullable;

/**
 * Whether an app's Tomcat thread knob can be turned, and where it stands.
 *
 * @param app the app
 * @param state {@code on} (the knob answers), {@code off} (the app was started without
 * {@code lab.knobs.enabled=true}), {@code none} (nothing to turn: no Tomcat request pool,
 * as on the event loop or on virtual threads) or {@code unknown} (the app did not answer)
 * @param tomcatMaxThreads the most requests Tomcat runs at once, when {@code on}
 * @param note a few words for the page
 */
public record KnobState(String app, String state, @Nullable Integer tomcatMaxThreads, String note) {

	static final String ON = "on";

	static final String OFF = "off";

	static final String NONE = "none";

	static final String UNKNOWN = "unknown";

}
