package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.TracingOffTestKit;
import jakarta.servlet.FilterRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.WebApplicationContext;

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
	void traceFilterIsNotRegistered() throws ClassNotFoundException {
		// By type, not by bean name: a renamed bean method must not pass for "off". (By
		// its name here because the class is package-private; a renamed class fails.)
		Class<?> traceFilter = Class.forName("dev.threadlab.blocking.activity.TraceFilter");
		assertThat(this.context.getBeansOfType(traceFilter)).isEmpty();
		assertThat(this.context.getBeansOfType(FilterRegistrationBean.class).values())
			.noneMatch((registration) -> traceFilter.isInstance(registration.getFilter()));
		// Nor in the servlet container, however a filter got there.
		assertThat(((WebApplicationContext) this.context).getServletContext().getFilterRegistrations().values())
			.extracting(FilterRegistration::getClassName)
			.doesNotContain(traceFilter.getName());
		Answer answer = client().get("/api/items/1");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("trace").isNull()).as("trace in %s", answer).isTrue();
		assertThat(answer.response().headers().firstValue("X-Request-Id")).isEmpty();
	}

}
