package dev.threadlab.reactive.problems;

import java.util.concurrent.atomic.AtomicLong;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Caps every request body but an upload's at {@link Limits#MAX_JSON_BODY_BYTES}: a larger
 * declared length is refused before a byte is read, and a chunked body fails as soon as
 * it passes the cap, so no codec ever holds more. Uploads ({@code PUT /api/files/{name}})
 * keep their own 10 MiB limit, counted as they are written.
 */
@Component
class JsonBodyLimit implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (isUpload(request)) {
			return chain.filter(exchange);
		}
		if (request.getHeaders().getContentLength() > Limits.MAX_JSON_BODY_BYTES) {
			return Mono.error(LabException.jsonBodyTooLarge());
		}
		return chain.filter(exchange.mutate().request(new CappedBody(request)).build());
	}

	static boolean isUpload(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		return HttpMethod.PUT.equals(request.getMethod()) && path.startsWith("/api/files/");
	}

	/** A request whose body errors once it passes the cap. */
	private static final class CappedBody extends ServerHttpRequestDecorator {

		CappedBody(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > Limits.MAX_JSON_BODY_BYTES) {
					DataBufferUtils.release(buffer);
					sink.error(LabException.jsonBodyTooLarge());
					return;
				}
				sink.next(buffer);
			});
		}

	}

}
