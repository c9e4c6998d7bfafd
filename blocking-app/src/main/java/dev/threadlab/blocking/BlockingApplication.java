package dev.threadlab.blocking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The thread-per-request contender: each request holds one Tomcat thread from start to
 * end.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BlockingApplication {

	public static void main(String[] args) {
		SpringApplication.run(BlockingApplication.class, args);
	}

}
