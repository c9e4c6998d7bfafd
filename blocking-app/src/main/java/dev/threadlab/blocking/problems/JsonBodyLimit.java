package dev.threadlab.blocking.problems;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Caps every request body but an upload's at {@link Limits#MAX_JSON_BODY_BYTES}: a larger
 * declared length is refused before a byte is read, and a chunked body fails as soon as
 * it passes the cap, so no converter ever holds more. Uploads ({@code PUT
 * /api/files/{name}}) keep their own 10 MiB limit, counted as they are written.
 */
@Component
class JsonBodyLimit extends OncePerRequestFilter {

	private final HandlerExceptionResolver problems;

	JsonBodyLimit(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isUpload(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > Limits.MAX_JSON_BODY_BYTES) {
			// Answered by ProblemHandler, like an error from a handler. Tomcat then
			// discards (never keeps) the unread body up to max-swallow-size, so that
			// the client, still sending, reads the 413 rather than a reset.
			this.problems.resolveException(request, response, null, LabException.jsonBodyTooLarge());
			return;
		}
		chain.doFilter(new CappedBody(request), response);
	}

	static boolean isUpload(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return HttpMethod.PUT.matches(request.getMethod()) && path.startsWith("/api/files/");
	}

	/** A request whose body fails once it passes the cap. */
	private static final class CappedBody extends HttpServletRequestWrapper {

		private ServletInputStream capped;

		CappedBody(HttpServletRequest request) {
			super(request);
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.capped == null) {
				this.capped = new CappedStream(super.getInputStream());
			}
			return this.capped;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class CappedStream extends ServletInputStream {

		private final ServletInputStream in;

		private long seen;

		CappedStream(ServletInputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			// Never ask for more than one byte past the cap: the rest stays unread.
			int wanted = (int) Math.min(length, Limits.MAX_JSON_BODY_BYTES + 1 - this.seen);
			int read = this.in.read(bytes, offset, Math.max(wanted, 1));
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int read) {
			this.seen += read;
			if (this.seen > Limits.MAX_JSON_BODY_BYTES) {
				throw LabException.jsonBodyTooLarge();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
