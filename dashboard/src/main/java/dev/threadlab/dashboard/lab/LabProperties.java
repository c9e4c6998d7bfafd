package dev.threadlab.dashboard.lab;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.threadlab.shared.net.Loopback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard finds the apps it compares, and how often it asks them.
 *
 * @param blockingUrl base URL of the thread-per-request app
 * @param reactiveUrl base URL of the event-loop app
 * @param virtualUrl base URL of the thread-per-request app run on virtual threads
 * @param apps which of {@code blocking}, {@code reactive} and {@code virtual} to show, in
 * this order
 * @param pollInterval how often each app's threads and activity are asked for
 * @param pollTimeout how long a poll may take before the app counts as stalled
 * @param allowRemoteTargets whether the apps may be elsewhere than on this machine (races
 * are load, so by default they only go to loopback addresses)
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue("http://127.0.0.1:8081") URI blockingUrl,
		@DefaultValue("http://127.0.0.1:8082") URI reactiveUrl, @DefaultValue("http://127.0.0.1:8083") URI virtualUrl,
		@DefaultValue( {
				"blocking", "reactive", "virtual" }) List<String> apps,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("1500ms") Duration pollTimeout,
		@DefaultValue("false") boolean allowRemoteTargets){

	/**
	 * The apps to show, in order, each with its URL.
	 * @return the configured apps
	 * @throws IllegalArgumentException when {@code lab.apps} names an unknown app
	 */
	public List<LabApp> labApps() {
		return this.apps.stream().distinct().map(this::labApp).toList();
	}

	private LabApp labApp(String name) {
		LabApp app = known(name);
		String scheme = app.url().getScheme();
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new IllegalArgumentException("lab." + name + "-url: not an http URL: " + app.url());
		}
		if (!this.allowRemoteTargets && !Loopback.isLoopback(app.url().getHost())) {
			throw new IllegalArgumentException("lab." + name + "-url: " + app.url()
					+ " is not on this machine; set lab.allow-remote-targets=true to race it anyway");
		}
		return app;
	}

	private LabApp known(String name) {
		return switch (name) {
			case "blocking" ->
				new LabApp(name, "thread-per-request", "Tomcat, a platform thread per request", this.blockingUrl);
			case "reactive" ->
				new LabApp(name, "event-loop", "Reactor Netty, a few event-loop threads", this.reactiveUrl);
			case "virtual" ->
				new LabApp(name, "virtual-threads", "Tomcat, a virtual thread per request", this.virtualUrl);
			default -> throw new IllegalArgumentException(
					"lab.apps: unknown app '" + name + "' (known: blocking, reactive, virtual)");
		};
	}

}
