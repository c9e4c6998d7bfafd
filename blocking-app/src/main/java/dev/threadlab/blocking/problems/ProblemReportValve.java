package dev.threadlab.blocking.problems;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.threadlab.shared.limits.LabException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * Answers the errors Tomcat raises before any application code runs (a path it will not
 * decode, such as one holding {@code %00}) with problem+json instead of its HTML page.
 */
class ProblemReportValve extends ErrorReportValve {

	private static final JsonMapper json = JsonMapper.builder().build();

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
		LabException problem = ProblemHandler.forStatus(response.getStatus(), request.getMethod(), path);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.kind().type().toString());
		body.put("title", problem.kind().title());
		body.put("status", problem.kind().status());
		body.put("detail", problem.detail());
		body.put("instance", path);
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

}
