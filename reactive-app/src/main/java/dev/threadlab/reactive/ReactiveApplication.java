package dev.threadlab.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The event-loop contender: Spring WebFlux on Reactor Netty, R2DBC, asynchronous file
 * channels.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReactiveApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveApplication.class, args);
	}

}
