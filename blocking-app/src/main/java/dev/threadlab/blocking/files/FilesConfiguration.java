package dev.threadlab.blocking.files;

import java.io.IOException;

import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.files.DataFolder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data folder, ready (created, with its samples) before the first request, and the
 * store that reads and writes it. (Reactive's also has its file channels' threads; here
 * the request's own thread does the I/O.)
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
	FileStore fileStore(DataFolder dataFolder) {
		return new FileStore(dataFolder);
	}

}
