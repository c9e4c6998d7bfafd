package dev.threadlab.blocking.files;

import java.io.IOException;

import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.files.DataFolder;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
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

	@Bean
	TomcatConnectorCustomizer encodedSeparatorsReachFileNames() {
		// By default Tomcat answers a %2F or %5C in a path with its own HTML 400, before
		// any filter runs. Passed through, /api/files/a%2Fb reaches Params.fileName and
		// gets the contract's problem, as on reactive-app; Spring MVC matches on the
		// encoded path, so an encoded separator never splits a segment.
		return (connector) -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		};
	}

}
