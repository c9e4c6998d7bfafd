package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.TracingOffTestKit;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * blocking-app as the benchmark starts it to measure what tracing costs: the kit's
 * checks, and no trace filter at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "lab.trace.enabled=false")
class TracingOffTests extends TracingOffTestKit {

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.BLOCKING;
	}

	@Test
	void traceFilterIsNotRegistered() {
		assertThat(this.context.containsBean("traceFilter")).isFalse();
	}

}
