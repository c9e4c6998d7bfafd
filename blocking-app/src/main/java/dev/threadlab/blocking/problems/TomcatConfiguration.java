package dev.threadlab.blocking.problems;

import dev.threadlab.shared.limits.Limits;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the embedded Tomcat's own answers in the contract's shape: it lets encoded
 * separators through to the application, and answers what it still rejects by itself with
 * problem+json. An external container (the WAR) keeps its own settings.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	TomcatConnectorCustomizer encodedSeparatorsReachTheApplication() {
		// By default Tomcat answers a %2F or %5C in a path with its own 400 before any
		// filter runs. Passed through, /api/files/a%2Fb reaches Params.fileName and gets
		// the contract's problem, as on reactive-app; Spring MVC matches on the encoded
		// path, so an encoded separator never splits a segment.
		return (connector) -> {
			connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
			connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
		};
	}

	@Bean
	TomcatConnectorCustomizer requestHeadLimits() {
		// Tomcat's defaults, set from the shared limits that reactive-app's server is
		// given too, so that a request too large for one is too large for the other.
		return (connector) -> {
			if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
				http.setMaxHttpRequestHeaderSize(Limits.MAX_REQUEST_HEAD_BYTES);
				http.setMaxHeaderCount(Limits.MAX_HEADER_COUNT);
				// 100 Continue only once the application reads the body: a body refused
				// before it is read (JsonBodyLimit) is then never sent by the client.
				http.setContinueResponseTiming("onRead");
			}
		};
	}

	@Bean
	TomcatContextCustomizer problemReportValve() {
		// Boot adds its own ErrorReportValve to the host while the context is configured,
		// and the host adds a default one as it starts: replace both once they are there.
		return (context) -> context.addLifecycleListener((event) -> {
			if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
				useProblemReportValve(context.getParent());
			}
		});
	}

	private static void useProblemReportValve(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemReportValve());
	}

}
