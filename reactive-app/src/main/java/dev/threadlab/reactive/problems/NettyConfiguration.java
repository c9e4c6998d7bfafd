package dev.threadlab.reactive.problems;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Answers the requests Spring turns away before any handler, filter or exception handler
 * runs (a URI it cannot parse, such as one holding {@code %ZZ}) with problem+json instead
 * of an empty 400, as blocking-app does for Tomcat's.
 */
@Configuration(proxyBeanMethods = false)
class NettyConfiguration {

	private static final LabException UNREADABLE = LabException.malformedRequest();

	@Bean
	WebServerFactoryCustomizer<NettyReactiveWebServerFactory> requestHeadProblems(JsonMapper json) {
		// Tomcat's limits: one 8 KiB buffer for the request line and headers together.
		// Netty's decoder is given that much for each, so RequestHeadCheck can count
		// them together as Tomcat does, and answer every refusal with a problem. A
		// factory customizer, ordered last, because each httpRequestDecoder(...) starts
		// from the defaults and Boot sets its own (a 4 KiB request line) from
		// server.netty.*: the last one applied wins.
		return new LastCustomizer((server) -> server
			.httpRequestDecoder((decoder) -> decoder.maxInitialLineLength(Limits.MAX_REQUEST_HEAD_BYTES)
				.maxHeaderSize(Limits.MAX_REQUEST_HEAD_BYTES))
			.doOnChannelInit((observer, channel, remote) -> {
				if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null) {
					channel.pipeline()
						.addBefore(NettyPipeline.HttpTrafficHandler, "threadlab.requestHeadCheck",
								new RequestHeadCheck(json));
				}
			}));
	}

	private record LastCustomizer(NettyServerCustomizer customizer)
			implements
				WebServerFactoryCustomizer<NettyReactiveWebServerFactory>,
				Ordered {

		@Override
		public void customize(NettyReactiveWebServerFactory factory) {
			factory.addServerCustomizers(this.customizer);
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	@Bean
	NettyServerCustomizer unreadableRequestProblems(JsonMapper json) {
		return (server) -> server
			.mapHandle((handling, connection) -> handling.then(Mono.defer(() -> answerIfTurnedAway(connection, json))));
	}

	/**
	 * Spring's adapter answers an unparsable URI by setting 400 and completing without
	 * writing; every other answer has sent its headers by the time its handling
	 * completes. So a 400 with nothing sent is the adapter's, and gets its body here.
	 */
	private static Mono<Void> answerIfTurnedAway(Connection connection, JsonMapper json) {
		if (!(connection instanceof HttpServerResponse response) || response.hasSentHeaders()
				|| response.status().code() != 400) {
			return Mono.empty();
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", UNREADABLE.kind().type().toString());
		body.put("title", UNREADABLE.kind().title());
		body.put("status", UNREADABLE.kind().status());
		body.put("detail", UNREADABLE.detail());
		// No instance: the path is exactly what could not be parsed.
		byte[] bytes = json.writeValueAsBytes(body);
		return response.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.header(HttpHeaders.CONTENT_LENGTH, String.valueOf(bytes.length))
			.sendByteArray(Mono.just(bytes))
			.then();
	}

}
