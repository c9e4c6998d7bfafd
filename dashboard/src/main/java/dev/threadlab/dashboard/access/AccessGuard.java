package dev.threadlab.dashboard.access;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.net.LabAccess;
import dev.threadlab.shared.net.Loopback;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The dashboard's door. It answers only requests that name it by a loopback name or
 * literal, or by a host in {@code lab.allowed-hosts} (421 otherwise: a page elsewhere
 * that points a name of its own at this machine, DNS rebinding, gets nothing). And only
 * its own page, on this machine, may change anything: a request that is not a read
 * ({@code GET}, {@code HEAD}, {@code OPTIONS}) is refused (403) when it comes from
 * another machine, or from a page of another origin. So a classroom may watch, and only
 * the teacher's machine starts races and load runs or turns knobs; the knob relay cannot
 * be used to turn the apps' knobs from elsewhere.
 * <p>
 * The caller is the socket's remote address, never {@code X-Forwarded-For} or
 * {@code Forwarded}: {@code server.forward-headers-strategy} stays {@code none}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
// The benchmark runs the dashboard without a web server, and without its codecs.
@ConditionalOnWebApplication(type = Type.REACTIVE)
class AccessGuard implements WebFilter {

	private static final Log logger = LogFactory.getLog(AccessGuard.class);

	private final Set<String> allowedHosts;

	private final ServerResponse.Context context;

	/**
	 * @param allowedHosts {@code lab.allowed-hosts}: names and addresses, without ports,
	 * that the dashboard answers for besides loopback ones ({@code run.sh --lan} sets
	 * them); read with {@code @Value} because every WebFlux slice test loads this filter
	 * but scans no configuration properties
	 * @param codecs writes the problems, as the controllers' problems are written
	 */
	AccessGuard(@Value("${lab.allowed-hosts:}") List<String> allowedHosts, ServerCodecConfigurer codecs) {
		this.allowedHosts = allowedHosts.stream()
			.map(String::trim)
			.filter((host) -> !host.isEmpty())
			.map(AccessGuard::normalize)
			.collect(Collectors.toUnmodifiableSet());
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String hostHeader = request.getHeaders().getFirst(HttpHeaders.HOST);
		Authority host = (hostHeader != null) ? Authority.parse(hostHeader) : Authority.of(request.getURI());
		if (host == null || !isAllowed(host.host())) {
			return refuse(exchange, LabException.foreignHost(hostHeader));
		}
		String method = request.getMethod().name();
		if (LabAccess.isSafeMethod(method)) {
			return chain.filter(exchange);
		}
		if (!Loopback.isLoopback(request.getRemoteAddress())) {
			return refuse(exchange,
					LabException.onlyFromLoopback(method, request.getPath().pathWithinApplication().value()));
		}
		String origin = origin(request);
		if (origin != null && !sameOrigin(origin, scheme(request), host)) {
			return refuse(exchange, LabException.foreignOrigin(origin));
		}
		return chain.filter(exchange);
	}

	private boolean isAllowed(String host) {
		return Loopback.isLoopback(host) || this.allowedHosts.contains(normalize(host));
	}

	/**
	 * The page that sent the request: its {@code Origin}, or without one its
	 * {@code Referer}; {@code null} when it sent neither. Browsers send {@code Origin}
	 * with every {@code POST} and {@code PUT}, so a request with neither comes from a
	 * program (curl, a script) on this machine, which the remote address check has
	 * already let through.
	 */
	private static @Nullable String origin(ServerHttpRequest request) {
		String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
		return (origin != null) ? origin : request.getHeaders().getFirst(HttpHeaders.REFERER);
	}

	/** Whether a page's origin is this very server: same scheme, host and port. */
	private static boolean sameOrigin(String origin, String scheme, Authority host) {
		URI uri;
		try {
			uri = new URI(origin);
		}
		catch (Exception ex) {
			return false; // "null" (a sandboxed or file: page) and garbage alike
		}
		if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawUserInfo() != null) {
			return false;
		}
		Authority page = Authority.parse(uri.getRawAuthority());
		return page != null && scheme.equalsIgnoreCase(uri.getScheme())
				&& normalize(page.host()).equals(normalize(host.host()))
				&& page.port(uri.getScheme()) == host.port(scheme);
	}

	private static String scheme(ServerHttpRequest request) {
		String scheme = request.getURI().getScheme();
		return (scheme != null) ? scheme : ((request.getSslInfo() != null) ? "https" : "http");
	}

	private static String normalize(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		return bare.toLowerCase(Locale.ROOT);
	}

	private Mono<Void> refuse(ServerWebExchange exchange, LabException ex) {
		// One line each: with --lan, the teacher sees who tried what.
		ServerHttpRequest request = exchange.getRequest();
		logger.info("Refused " + request.getMethod() + " " + request.getPath().value() + " from "
				+ request.getRemoteAddress() + ": " + ex.detail());
		ProblemDetail problem = ProblemDetail.forStatus(ex.kind().status());
		problem.setType(ex.kind().type());
		problem.setTitle(ex.kind().title());
		problem.setDetail(ex.detail());
		problem.setInstance(instance(exchange.getRequest()));
		return ServerResponse.status(HttpStatusCode.valueOf(ex.kind().status()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private static URI instance(ServerHttpRequest request) {
		try {
			return URI.create(request.getPath().pathWithinApplication().value());
		}
		catch (IllegalArgumentException ex) {
			return URI.create("/");
		}
	}

	/**
	 * The host and port a request or a page names, as written in a {@code Host} header or
	 * a URL's authority.
	 *
	 * @param host a name, an IPv4 literal, or an IPv6 literal in brackets
	 * @param port the port, or -1 when none is written
	 */
	record Authority(String host, int port) {

		/**
		 * Parses {@code host}, {@code host:port} or {@code [ipv6]:port}.
		 * @param authority the text
		 * @return the authority, or {@code null} when it is malformed (user info, an
		 * unbracketed IPv6 address, a port that is not 1 to 5 ASCII digits)
		 */
		static @Nullable Authority parse(String authority) {
			String text = authority.trim();
			String host;
			String port;
			if (text.startsWith("[")) {
				int end = text.indexOf(']');
				if (end < 0) {
					return null;
				}
				host = text.substring(0, end + 1);
				String rest = text.substring(end + 1);
				if (!rest.isEmpty() && !rest.startsWith(":")) {
					return null;
				}
				port = rest.isEmpty() ? null : rest.substring(1);
			}
			else {
				int colon = text.lastIndexOf(':');
				host = (colon < 0) ? text : text.substring(0, colon);
				port = (colon < 0) ? null : text.substring(colon + 1);
				if (host.indexOf(':') >= 0) {
					return null;
				}
			}
			if (host.isEmpty() || host.indexOf('@') >= 0 || host.indexOf('/') >= 0) {
				return null;
			}
			if (port == null) {
				return new Authority(host, -1);
			}
			if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch((c) -> c >= '0' && c <= '9')) {
				return null;
			}
			return new Authority(host, Integer.parseInt(port));
		}

		/**
		 * The authority Spring read from the request, for a request without a Host
		 * header.
		 */
		static @Nullable Authority of(URI uri) {
			return (uri.getHost() != null) ? new Authority(uri.getHost(), uri.getPort()) : null;
		}

		/** The port, or the scheme's default where none is written. */
		int port(String scheme) {
			if (this.port >= 0) {
				return this.port;
			}
			return "https".equalsIgnoreCase(scheme) ? 443 : 80;
		}

	}

}
