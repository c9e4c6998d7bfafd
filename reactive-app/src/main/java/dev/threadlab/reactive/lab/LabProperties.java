package dev.threadlab.reactive.lab;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lab's settings.
 *
 * @param files where the file endpoints read and write
 */
@ConfigurationProperties("lab")
public record LabProperties(@DefaultValue Files files) {

	/**
	 * The data folder's settings.
	 *
	 * @param dir the folder the file endpoints serve
	 */
	public record Files(@DefaultValue("threadlab-data/reactive") Path dir) {
	}

}
