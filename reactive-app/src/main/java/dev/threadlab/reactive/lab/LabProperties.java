package dev.threadlab.reactive.lab;

import java.nio.file.Path;

import dev.threadlab.shared.limits.Limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lab's settings. Public because the files and activity packages read them too.
 * Unlike blocking's, no {@code knobs}: there is no request thread pool to resize here,
 * and the event loops are fixed when the server starts.
 *
 * @param files the data folder's settings
 * @param activityCapacity how many finished requests {@code /api/activity} keeps
 * @param trace the request tracing's settings
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue Files files,
		@DefaultValue("" + Limits.DEFAULT_ACTIVITY_CAPACITY) int activityCapacity, @DefaultValue Tracing trace) {

	/**
	 * The data folder's settings.
	 *
	 * @param dir the folder the file endpoints serve, relative to the working directory
	 * unless absolute
	 */
	public record Files(@DefaultValue("threadlab-data/reactive") Path dir) {
	}

	/**
	 * The request tracing's settings.
	 *
	 * @param enabled whether requests are traced ({@code lab.trace.enabled}, {@code true}
	 * or {@code false}). Off is for measuring what tracing costs, and nothing else: there
	 * is no trace filter, answers carry {@code "trace": null} and no
	 * {@code X-Request-Id}, {@code /api/activity} stays empty, and {@code /api/threads}
	 * reads {@code 0} for {@code inFlight}, which only the tracer counts
	 */
	public record Tracing(@DefaultValue("true") boolean enabled) {
	}

}
