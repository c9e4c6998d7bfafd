package dev.threadlab.blocking.problems;

import dev.threadlab.shared.limits.LabException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers the servlet container's error dispatches (errors that no handler saw, such as
 * an exception in a filter or a {@code sendError} outside Spring MVC) with the same
 * problem+json as {@link ProblemHandler}; replaces Boot's HTML/JSON error controller.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Log logger = LogFactory.getLog(ProblemErrorController.class);

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (!(status instanceof Integer code) || !(uri instanceof String requestUri)) {
			// Asked for directly: there is nothing at the error path.
			return ProblemHandler.problem(LabException.noRoute(request.getMethod(), ProblemHandler.path(request)),
					request, request.getRequestURI());
		}
		String path = requestUri.substring(request.getContextPath().length());
		// Servlet 6.1 dispatches errors as GET and keeps the request's own method here
		// (by name: the WAR compiles against Servlet 6.0, which has no constant for it).
		String method = (request.getAttribute("jakarta.servlet.error.method") instanceof String original) ? original
				: request.getMethod();
		return ProblemHandler.problem(exception(code, method, path, request), request, requestUri);
	}

	private static LabException exception(int status, String method, String path, HttpServletRequest request) {
		if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable ex) {
			logger.error("Failed to handle " + method + " " + path, ex);
		}
		return ProblemHandler.forStatus(status, method, path);
	}

}
