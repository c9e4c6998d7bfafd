package dev.threadlab.shared.limits;

import java.net.URI;

/**
 * The kinds of error a contender answers with, as RFC 9457 problem types.
 */
public enum ProblemKind {

	/** A query parameter or path variable outside its range, or not a number. */
	INVALID_PARAMETER(400, "Invalid parameter", "invalid-parameter"),

	/** A request body that is not what the endpoint takes. */
	INVALID_BODY(400, "Invalid request body", "invalid-body"),

	/**
	 * A file name outside {@code [A-Za-z0-9._-]{1,64}}, or one that leaves the folder.
	 */
	INVALID_FILE_NAME(400, "Invalid file name", "invalid-file-name"),

	/**
	 * A request the server cannot read as HTTP before any application code runs: a
	 * malformed request line or header, bad percent-encoding, conflicting lengths.
	 */
	MALFORMED_REQUEST(400, "Malformed request", "malformed-request"),

	/**
	 * A request that changes the lab or loads the machine from a caller that is not on
	 * this machine, or one from a foreign page.
	 */
	FORBIDDEN(403, "Forbidden", "forbidden"),

	/** An unknown item, file or path. */
	NOT_FOUND(404, "Not found", "not-found"),

	/** A method the path does not take. */
	METHOD_NOT_ALLOWED(405, "Method not allowed", "method-not-allowed"),

	/** An {@code Accept} header that allows none of the types the endpoint answers. */
	NOT_ACCEPTABLE(406, "Not acceptable", "not-acceptable"),

	/** A lab knob that this server has nothing to turn with, such as a thread pool. */
	CONFLICT(409, "Conflict", "conflict"),

	/** An upload over 10 MiB, or a JSON body over 64 KiB. */
	PAYLOAD_TOO_LARGE(413, "Payload too large", "payload-too-large"),

	/** A request line (method, target and version) longer than the server reads. */
	URI_TOO_LONG(414, "URI too long", "uri-too-long"),

	/** A body of a content type the endpoint does not read. */
	UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type", "unsupported-media-type"),

	/** An {@code Expect} header other than {@code 100-continue}. */
	EXPECTATION_FAILED(417, "Expectation failed", "expectation-failed"),

	/**
	 * A {@code Host} the dashboard does not answer for (DNS rebinding): the request was
	 * meant for another server, whatever the name now resolves to.
	 */
	MISDIRECTED_REQUEST(421, "Misdirected request", "misdirected-request"),

	/** A header section larger than the server reads. */
	HEADERS_TOO_LARGE(431, "Request header fields too large", "headers-too-large"),

	/** Anything unexpected; its detail never says more than that. */
	INTERNAL_ERROR(500, "Internal error", "internal-error"),

	/** A request in an HTTP version other than 1.0 and 1.1. */
	HTTP_VERSION_NOT_SUPPORTED(505, "HTTP version not supported", "http-version-not-supported");

	private final int status;

	private final String title;

	private final URI type;

	ProblemKind(int status, String title, String slug) {
		this.status = status;
		this.title = title;
		this.type = URI.create("urn:threadlab:problem:" + slug);
	}

	/**
	 * The HTTP status of this kind.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The problem's short, fixed title.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The problem type URI; a URN, since nothing is served at it.
	 * @return the type
	 */
	public URI type() {
		return this.type;
	}

}
