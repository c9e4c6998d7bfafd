package dev.threadlab.reactive;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.TracingOffTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * reactive-app as the benchmark starts it to measure what tracing costs: the kit's
 * checks, and no trace filter at all.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "lab.trace.enabled=false")
@ExtendWith(NoBlockingCalls.class)
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
		return Contender.REACTIVE;
	}

	@Test
	void traceFilterIsNotABean() throws ClassNotFoundException {
		// By type, not by bean name: a renamed bean must not pass for "off". (By its name
		// here because the class is package-private; a renamed class fails.)
		Class<?> traceFilter = Class.forName("dev.threadlab.reactive.activity.TraceFilter");
		assertThat(this.context.getBeansOfType(traceFilter)).isEmpty();
		assertThat(this.context.getBeanProvider(WebFilter.class).stream()).noneMatch(traceFilter::isInstance);
		Answer answer = client().get("/api/items/1");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("trace").isNull()).as("trace in %s", answer).isTrue();
		assertThat(answer.response().headers().firstValue("X-Request-Id")).isEmpty();
	}

}
