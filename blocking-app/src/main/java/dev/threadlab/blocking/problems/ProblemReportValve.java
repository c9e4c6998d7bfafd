package dev.threadlab.blocking.problems;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Answers the errors Tomcat raises before any application code runs (a path it will not
 * decode, such as one holding {@code %00}) with problem+json instead of its HTML page.
 */
class ProblemReportValve extends ErrorReportValve {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final StringManager HTTP11 = StringManager.getManager("org.apache.coyote.http11");

	private static final StringManager HTTP = StringManager.getManager("org.apache.tomcat.util.http");

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		// The same guards as Tomcat's own report: only an error, only once, only when
		// nothing was written (a problem from /error was) and the connection still works.
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String path = request.getRequestURI();
		LabException problem = problem(request, response.getStatus(), throwable);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.kind().type().toString());
		body.put("title", problem.kind().title());
		body.put("status", problem.kind().status());
		body.put("detail", problem.detail());
		if (path != null && path.startsWith("/") && problem.kind().status() != 414) {
			// No instance when the request line was not read to its end.
			body.put("instance", path);
		}
		try {
			response.setStatus(problem.kind().status());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json.writeValueAsString(body));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone: nothing to answer.
		}
	}

	/**
	 * Tomcat answers a request head too large, and too many headers, with a bare 400; its
	 * message, in the JVM's language, tells them apart from a malformed request. The head
	 * is too large in the request line when Tomcat did not read a protocol.
	 */
	private static LabException problem(Request request, int status, @Nullable Throwable throwable) {
		if (status == 400 && throwable != null && throwable.getMessage() != null) {
			String message = throwable.getMessage();
			if (message.equals(HTTP11.getString("iib.requestheadertoolarge.error"))) {
				String uri = request.getRequestURI();
				return (uri == null || uri.isEmpty()) ? LabException.uriTooLong() : LabException.headersTooLarge();
			}
			if (message.equals(HTTP.getString("headers.maxCountFail", Limits.MAX_HEADER_COUNT))) {
				return LabException.headersTooLarge();
			}
		}
		return ProblemHandler.forStatus(status, request.getMethod(), request.getRequestURI());
	}

}
