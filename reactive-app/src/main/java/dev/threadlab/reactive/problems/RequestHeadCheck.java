package dev.threadlab.reactive.problems;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Checks each request's head right after Netty's HTTP decoder, before Reactor Netty or
 * Spring see it, and answers what Tomcat would refuse there with the same status and a
 * problem+json body. Reactor Netty answers a decoder failure itself with an empty 400,
 * 414 or 431, and lets through much that Tomcat refuses (an unknown HTTP version, a
 * missing or doubled {@code Host}, an unknown expectation): without this the same request
 * got a different answer on each contender. One instance per connection: after a refusal
 * it reads nothing more of the connection, and answers only once the answers to the
 * requests pipelined before it have been written, so answers keep the requests' order.
 */
class RequestHeadCheck extends ChannelDuplexHandler {

	private final JsonMapper json;

	/** Requests passed on whose answer has not been written to its end. */
	private int inFlight;

	/** Whether the answer to the oldest request passed on has begun. */
	private boolean answering;

	private boolean refusing;

	private @Nullable LabException deferred;

	private String deferredUri = "";

	RequestHeadCheck(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.refusing) {
			// Whatever follows a refusal (its body, pipelined requests) is read and
			// dropped: the connection closes after the refusal is answered.
			ReferenceCountUtil.release(msg);
			return;
		}
		if (msg instanceof HttpRequest request) {
			LabException problem = problem(request);
			if (problem == null) {
				this.inFlight++;
				ctx.fireChannelRead(msg);
				return;
			}
			ReferenceCountUtil.release(msg);
			refuse(ctx, problem, request.uri());
			return;
		}
		if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
			// A body whose framing broke (a bad chunk size): Reactor Netty would
			// answer an empty 400 of its own.
			ReferenceCountUtil.release(msg);
			if (this.answering) {
				// The answer under way ends, then the connection.
				this.refusing = true;
				ctx.channel().config().setAutoRead(false);
				return;
			}
			this.inFlight = Math.max(0, this.inFlight - 1);
			refuse(ctx, LabException.malformedRequest(), "");
			return;
		}
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
			ctx.write(msg, promise); // 100 Continue: the answer has not begun
			return;
		}
		if (msg instanceof HttpResponse) {
			this.answering = true;
		}
		ctx.write(msg, promise);
		if (msg instanceof LastHttpContent) {
			this.answering = false;
			this.inFlight = Math.max(0, this.inFlight - 1);
			if (this.inFlight == 0 && this.refusing) {
				LabException problem = this.deferred;
				this.deferred = null;
				if (problem != null) {
					answer(ctx, problem, this.deferredUri);
				}
				else {
					ctx.flush();
					ctx.close();
				}
			}
		}
	}

	private void refuse(ChannelHandlerContext ctx, LabException problem, String uri) {
		this.refusing = true;
		if (this.inFlight == 0) {
			answer(ctx, problem, uri);
			return;
		}
		this.deferred = problem;
		this.deferredUri = uri;
	}

	/**
	 * What Tomcat answers for this request head before the application runs, in the order
	 * Tomcat checks; {@code null} when it would pass it on.
	 */
	static @Nullable LabException problem(HttpRequest request) {
		HttpVersion version = request.protocolVersion();
		DecoderResult decoded = request.decoderResult();
		if (version.protocolName().equals("HTTP") && !isHttp1(version)) {
			return LabException.httpVersionNotSupported();
		}
		if (decoded.isFailure()) {
			Throwable cause = decoded.cause();
			if (cause instanceof TooLongHttpLineException) {
				return LabException.uriTooLong();
			}
			if (cause instanceof TooLongHttpHeaderException) {
				return LabException.headersTooLarge();
			}
			return LabException.malformedRequest();
		}
		if (!isRequestTarget(request.uri())) {
			return LabException.malformedRequest();
		}
		if (headSize(request) > Limits.MAX_REQUEST_HEAD_BYTES || request.headers().size() > Limits.MAX_HEADER_COUNT) {
			// Tomcat counts the request line and every header against one buffer, and
			// the headers against a count; Netty's decoder counts the line and the
			// headers apart.
			return LabException.headersTooLarge();
		}
		List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
		if (hosts.size() > 1 || (hosts.isEmpty() && version.equals(HttpVersion.HTTP_1_1))) {
			return LabException.malformedRequest();
		}
		if (!originForm(request.uri(), hosts.isEmpty() ? null : hosts.get(0))) {
			return LabException.malformedRequest();
		}
		String expect = request.headers().get(HttpHeaderNames.EXPECT);
		if (expect != null && !expect.equalsIgnoreCase(HttpHeaderValues.CONTINUE.toString())) {
			return LabException.expectationFailed();
		}
		if (request.method().equals(HttpMethod.CONNECT)) {
			return LabException.methodNotAllowed(HttpMethod.CONNECT.name(), request.uri());
		}
		// From here on, what blocking-app's RequestHeadCheck refuses in the same words.
		String encoding = request.headers().get(HttpHeaderNames.CONTENT_ENCODING);
		if (encoding != null && !encoding.equalsIgnoreCase(HttpHeaderValues.IDENTITY.toString())) {
			return LabException.contentEncodingNotSupported();
		}
		int query = request.uri().indexOf('?');
		try {
			Params.query((query < 0) ? null : request.uri().substring(query + 1));
		}
		catch (LabException ex) {
			return ex;
		}
		return null;
	}

	/**
	 * Whether Tomcat's request-line parser would take this target. Netty's decoder reads
	 * the line byte by byte as ISO-8859-1 and takes anything but a space, so raw bytes
	 * above 0x7F (a UTF-8 é sent unencoded) would reach the application as mojibake;
	 * Tomcat refuses them, a fragment ({@code #}: a client never sends one), and
	 * {@code [} or {@code ]} in a query, before it reads the headers. The other
	 * characters Tomcat refuses ({@code "<>\^`{|}}) already fail when Spring builds the
	 * request's URI.
	 */
	private static boolean isRequestTarget(String uri) {
		int query = uri.indexOf('?');
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c <= 0x20 || c >= 0x7F || c == '#' || (query >= 0 && i > query && (c == '[' || c == ']'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isHttp1(HttpVersion version) {
		return version.majorVersion() == 1 && (version.minorVersion() == 0 || version.minorVersion() == 1);
	}

	/** The bytes of the request line and headers, as Tomcat counts them. */
	private static int headSize(HttpRequest request) {
		int size = request.method().name().length() + 1 + request.uri().length() + 1
				+ request.protocolVersion().text().length() + 2;
		for (Map.Entry<String, String> header : request.headers()) {
			size += header.getKey().length() + 2 + header.getValue().length() + 2;
		}
		return size + 2;
	}

	/**
	 * Whether the target is a path, or an absolute URI naming the same host as the
	 * {@code Host} header (which Tomcat also accepts). CONNECT's authority form passes
	 * here and is refused as a method.
	 */
	private static boolean originForm(String uri, @Nullable String host) {
		if (uri.startsWith("/") || uri.equals("*") || !uri.contains("://")) {
			return true;
		}
		try {
			URI absolute = new URI(uri);
			String authority = absolute.getRawAuthority();
			return host != null && authority != null
					&& authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private void answer(ChannelHandlerContext ctx, LabException problem, String uri) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.kind().type().toString());
		body.put("title", problem.kind().title());
		body.put("status", problem.kind().status());
		body.put("detail", problem.detail());
		// No instance when the target is what could not be read, or is not a path.
		if (uri.startsWith("/") && uri.length() <= 2048 && problem.kind().status() != 414) {
			body.put("instance", path(uri));
		}
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(problem.kind().status()), Unpooled.wrappedBuffer(bytes));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		// The connection's framing can no longer be trusted: answer, then close.
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private static String path(String uri) {
		int query = uri.indexOf('?');
		return (query < 0) ? uri : uri.substring(0, query);
	}

}
