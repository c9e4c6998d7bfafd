package dev.threadlab.blocking.files;

import java.io.IOException;

import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.files.DataFolder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data folder, ready (created, with its samples) before the first request, and the
 * file endpoints' reader and writer.
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

	@Bean
	DataFolder dataFolder(LabProperties lab) throws IOException {
		DataFolder folder = new DataFolder(lab.files().dir());
		folder.prepare();
		return folder;
	}

	@Bean
	ChunkedFiles chunkedFiles(DataFolder dataFolder) {
		return new ChunkedFiles(dataFolder);
	}

}
