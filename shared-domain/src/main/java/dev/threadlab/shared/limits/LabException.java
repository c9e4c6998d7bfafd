package dev.threadlab.shared.limits;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An error the contract names: both apps turn it into the same {@code problem+json}.
 * Factories build every detail text here, so the same request gets the same words on
 * every contender.
 */
public final class LabException extends RuntimeException {

	private final ProblemKind kind;

	/**
	 * An error of the given kind.
	 * @param kind what went wrong
	 * @param detail what to tell the caller; never a class name, stack trace or path on
	 * disk
	 */
	public LabException(ProblemKind kind, String detail) {
		// No stack trace: these are answers to bad input, not bugs, and they are cheap.
		super(detail, null, false, false);
		this.kind = kind;
	}

	/**
	 * The kind of problem.
	 * @return the kind
	 */
	public ProblemKind kind() {
		return this.kind;
	}

	/**
	 * The problem's detail text.
	 * @return the detail
	 */
	public String detail() {
		return getMessage();
	}

	/**
	 * No item has the id.
	 * @param id the id asked for
	 * @return the error
	 */
	public static LabException noSuchItem(long id) {
		return new LabException(ProblemKind.NOT_FOUND, "No item has id " + id + ".");
	}

	/**
	 * No file has the name.
	 * @param name the name asked for, already valid
	 * @return the error
	 */
	public static LabException noSuchFile(String name) {
		return new LabException(ProblemKind.NOT_FOUND, "No file is named '" + name + "'.");
	}

	/**
	 * Nothing is served at the path.
	 * @param method the request's method
	 * @param path the request's path
	 * @return the error
	 */
	public static LabException noRoute(String method, String path) {
		return new LabException(ProblemKind.NOT_FOUND,
				"Nothing is served at " + method + " " + Params.quote(path, 200) + ".");
	}

	/**
	 * The path does not take the method.
	 * @param method the request's method
	 * @param path the request's path
	 * @return the error
	 */
	public static LabException methodNotAllowed(String method, String path) {
		return new LabException(ProblemKind.METHOD_NOT_ALLOWED,
				Params.quote(path, 200) + " does not take " + method.toUpperCase(Locale.ROOT) + ".");
	}

	/**
	 * The request's {@code Accept} header allows nothing the endpoint answers.
	 * @return the error
	 */
	public static LabException notAcceptable() {
		return new LabException(ProblemKind.NOT_ACCEPTABLE,
				"The Accept header allows nothing this endpoint answers; ask for application/json or send no Accept header.");
	}

	/**
	 * A caller on another machine asked for something that changes the lab or burns this
	 * machine: visitors may watch and read, only this machine may change anything.
	 * @param method the request's method
	 * @param path the request's path
	 * @return the error
	 */
	public static LabException onlyFromLoopback(String method, String path) {
		return new LabException(ProblemKind.FORBIDDEN, method.toUpperCase(Locale.ROOT) + " " + Params.quote(path, 200)
				+ " changes the lab or loads this machine: only callers on this machine (loopback) may send it; "
				+ "visitors may only read.");
	}

	/**
	 * The request named a host the dashboard does not answer for: a page elsewhere may
	 * have pointed a name of its own at this machine (DNS rebinding).
	 * @param host the {@code Host} header as sent, or {@code null} when there was none
	 * @return the error
	 */
	public static LabException foreignHost(@Nullable String host) {
		return new LabException(ProblemKind.MISDIRECTED_REQUEST,
				(host == null) ? "The request has no Host header; the dashboard answers only requests that name it."
						: "The dashboard does not answer for the host " + Params.quote(host, 200)
								+ "; it answers for localhost, loopback addresses and the names in lab.allowed-hosts.");
	}

	/**
	 * A request that changes something came from a page of another origin (or from one
	 * that hides its origin).
	 * @param origin the {@code Origin} or {@code Referer} header as sent
	 * @return the error
	 */
	public static LabException foreignOrigin(String origin) {
		return new LabException(ProblemKind.FORBIDDEN, "A request from the page at " + Params.quote(origin, 200)
				+ " may not change anything here: only the dashboard's own page may.");
	}

	/**
	 * There is no request thread pool to resize.
	 * @return the error
	 */
	public static LabException noThreadPool() {
		return new LabException(ProblemKind.CONFLICT,
				"There is no Tomcat request thread pool to resize: on the virtual profile each request gets a new "
						+ "virtual thread (and a WAR runs on its container's pool).");
	}

	/**
	 * The upload is over 10 MiB.
	 * @return the error
	 */
	public static LabException uploadTooLarge() {
		return new LabException(ProblemKind.PAYLOAD_TOO_LARGE,
				"An upload may have at most " + Limits.MAX_UPLOAD_BYTES + " bytes (10 MiB).");
	}

	/**
	 * A JSON body is over 64 KiB.
	 * @return the error
	 */
	public static LabException jsonBodyTooLarge() {
		return new LabException(ProblemKind.PAYLOAD_TOO_LARGE,
				"A JSON body may have at most " + Limits.MAX_JSON_BODY_BYTES + " bytes (64 KiB).");
	}

	/**
	 * The server could not read the request as HTTP, before any application code ran.
	 * @return the error
	 */
	public static LabException malformedRequest() {
		return new LabException(ProblemKind.MALFORMED_REQUEST,
				"The request is not well-formed HTTP/1.1 (request line, headers, percent-encoding or body framing).");
	}

	/**
	 * The request line is longer than the server reads.
	 * @return the error
	 */
	public static LabException uriTooLong() {
		return new LabException(ProblemKind.URI_TOO_LONG,
				"The request line is too long; the request line and headers may have at most "
						+ Limits.MAX_REQUEST_HEAD_BYTES + " bytes together.");
	}

	/**
	 * The header section is larger than the server reads.
	 * @return the error
	 */
	public static LabException headersTooLarge() {
		return new LabException(ProblemKind.HEADERS_TOO_LARGE,
				"The request's headers are too large: the request line and headers may have at most "
						+ Limits.MAX_REQUEST_HEAD_BYTES + " bytes together, and at most " + Limits.MAX_HEADER_COUNT
						+ " headers.");
	}

	/**
	 * The body is sent in a content coding (such as gzip) that no endpoint decodes.
	 * @return the error
	 */
	public static LabException contentEncodingNotSupported() {
		return new LabException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
				"Bodies are read as sent: no Content-Encoding is decoded; send the body without one.");
	}

	/**
	 * The request expects something other than {@code 100-continue}.
	 * @return the error
	 */
	public static LabException expectationFailed() {
		return new LabException(ProblemKind.EXPECTATION_FAILED, "The only expectation served is Expect: 100-continue.");
	}

	/**
	 * The request is in an HTTP version the contenders do not speak.
	 * @return the error
	 */
	public static LabException httpVersionNotSupported() {
		return new LabException(ProblemKind.HTTP_VERSION_NOT_SUPPORTED, "Only HTTP/1.1 and HTTP/1.0 are served.");
	}

	/**
	 * The upload has no bytes.
	 * @return the error
	 */
	public static LabException emptyUpload() {
		return new LabException(ProblemKind.INVALID_BODY, "An upload needs at least 1 byte.");
	}

	/**
	 * {@code POST /api/items} got a body that is not JSON.
	 * @return the error
	 */
	public static LabException itemBodyNotJson() {
		return new LabException(ProblemKind.UNSUPPORTED_MEDIA_TYPE,
				"POST /api/items takes application/json, like {\"name\": \"my item\"}.");
	}

	/**
	 * {@code POST /api/items} got JSON it cannot read.
	 * @return the error
	 */
	public static LabException unreadableItemBody() {
		return new LabException(ProblemKind.INVALID_BODY,
				"The body must be a JSON object with a string name, like {\"name\": \"my item\"}.");
	}

	/**
	 * Something unexpected went wrong; says nothing more on purpose.
	 * @return the error
	 */
	public static LabException internal() {
		return new LabException(ProblemKind.INTERNAL_ERROR, "The server could not complete the request.");
	}

}
