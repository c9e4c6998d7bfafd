package dev.threadlab.blocking;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;

/**
 * Starts the application when its WAR is deployed to an external Servlet 6.1 container
 * such as Tomcat 11.
 */
public class BlockingServletInitializer extends SpringBootServletInitializer {

	@Override
	protected SpringApplicationBuilder configure(SpringApplicationBuilder application) {
		return application.sources(BlockingApplication.class);
	}

}
