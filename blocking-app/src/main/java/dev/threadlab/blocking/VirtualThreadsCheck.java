package dev.threadlab.blocking;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start when virtual threads are asked for on a JVM that has none. Boot would
 * quietly run Tomcat on platform threads instead, and the lab would report them under the
 * virtual contender's name.
 */
class VirtualThreadsCheck implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean wanted = environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false);
		if (wanted && !Threading.VIRTUAL.isActive(environment)) {
			throw new IllegalStateException("virtual threads need Java 21+, but this is Java "
					+ Runtime.version().feature() + ": run blocking-app on Java 21 or later, or without the "
					+ "'virtual' profile (spring.threads.virtual.enabled=true)");
		}
	}

}
