package dev.threadlab.dashboard.lab;

import java.net.URI;

/**
 * One app the dashboard watches and races.
 *
 * @param name {@code blocking}, {@code reactive} or {@code virtual}, as in its traces
 * @param model its concurrency model, as in its traces
 * @param description a few words on how it serves requests
 * @param url its base URL
 */
public record LabApp(String name, String model, String description, URI url) {

	/**
	 * The URL of a path on this app.
	 * @param pathAndQuery a path starting with {@code /}, with its query
	 * @return the absolute URL
	 */
	public URI resolve(String pathAndQuery) {
		return URI.create(text(pathAndQuery));
	}

	/**
	 * The URL of a path on this app, as text, so that it may hold placeholders.
	 * @param pathAndQuery a path starting with {@code /}, with its query
	 * @return the absolute URL
	 */
	public String text(String pathAndQuery) {
		String base = this.url.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
	}

}
