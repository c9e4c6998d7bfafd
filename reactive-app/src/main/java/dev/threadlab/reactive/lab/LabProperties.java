package dev.threadlab.reactive.lab;

import java.nio.file.Path;

import dev.threadlab.shared.limits.Limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lab's settings. Public because the files and activity packages read them too.
 *
 * @param files the data folder's settings
 * @param activityCapacity how many finished requests {@code /api/activity} keeps
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue Files files,
		@DefaultValue("" + Limits.DEFAULT_ACTIVITY_CAPACITY) int activityCapacity) {

	/**
	 * The data folder's settings.
	 *
	 * @param dir the folder the file endpoints serve, relative to the working directory
	 * unless absolute
	 */
	public record Files(@DefaultValue("threadlab-data/reactive") Path dir) {
	}

}
