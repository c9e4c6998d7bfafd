package dev.threadlab.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard that watches the apps side by side.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DashboardApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(DashboardApplication.class, args);
		// The benchmark is a command: done when its runner returns.
		if (context.getEnvironment().getProperty("threadlab.bench.enabled", Boolean.class, false)) {
			System.exit(SpringApplication.exit(context));
		}
	}

}
