package dev.threadlab.blocking.lab;

import java.nio.file.Path;

import dev.threadlab.shared.limits.Limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lab's settings. Public because the files and activity packages read them too.
 *
 * @param files the data folder's settings
 * @param activityCapacity how many finished requests {@code /api/activity} keeps
 * @param knobs the lab's run-time knobs
 * @param trace the request tracing's settings
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue Files files,
		@DefaultValue("" + Limits.DEFAULT_ACTIVITY_CAPACITY) int activityCapacity, @DefaultValue Knobs knobs,
		@DefaultValue Tracing trace) {

	/**
	 * The data folder's settings.
	 *
	 * @param dir the folder the file endpoints serve, relative to the working directory
	 * unless absolute
	 */
	public record Files(@DefaultValue("threadlab-data/blocking") Path dir) {
	}

	/**
	 * The lab's run-time knobs ({@code /api/lab/knobs}).
	 *
	 * @param enabled whether they are served at all; even then only to loopback callers
	 */
	public record Knobs(@DefaultValue("false") boolean enabled) {
	}

	/**
	 * The request tracing's settings.
	 *
	 * @param enabled whether requests are traced ({@code lab.trace.enabled}, {@code true}
	 * or {@code false}). Off is for measuring what tracing costs, and nothing else: no
	 * filter is registered, answers carry {@code "trace": null} and no
	 * {@code X-Request-Id}, {@code /api/activity} stays empty, and {@code /api/threads}
	 * reads {@code 0} for {@code inFlight} and {@code virtualThreads}, which only the
	 * tracer counts
	 */
	public record Tracing(@DefaultValue("true") boolean enabled) {
	}

}
