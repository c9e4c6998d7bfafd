package dev.threadlab.shared.limits;

/**
 * The limits of CONTRACT.md, the same on every contender.
 */
public final class Limits {

	/** The longest delay a request may ask for, in milliseconds. */
	public static final int MAX_DELAY_MS = 30_000;

	/** The default page size of {@code GET /api/items}. */
	public static final int DEFAULT_LIMIT = 20;

	/** The largest page of {@code GET /api/items}. */
	public static final int MAX_LIMIT = 100;

	/** The largest offset of {@code GET /api/items}. */
	public static final long MAX_OFFSET = 1_000_000;

	/** The default rounds of {@code GET /api/cpu}. */
	public static final int DEFAULT_ITERATIONS = 100_000;

	/** The most rounds of {@code GET /api/cpu}. */
	public static final int MAX_ITERATIONS = 5_000_000;

	/** The longest item name, in characters (Unicode code points). */
	public static final int MAX_NAME_LENGTH = 100;

	/**
	 * The pattern a file name must match (and it must not be {@code .} or {@code ..}).
	 */
	public static final String FILE_NAME_PATTERN = "[A-Za-z0-9._-]{1,64}";

	/** The largest upload, in bytes (10 MiB). */
	public static final long MAX_UPLOAD_BYTES = 10L * 1024 * 1024;

	/**
	 * The largest JSON body, in bytes (64 KiB): a new item's name is at most 100
	 * characters, so anything near this is not an item but an attack on memory.
	 */
	public static final int MAX_JSON_BODY_BYTES = 64 * 1024;

	/**
	 * The most bytes of a request's head, its request line and headers together (Tomcat's
	 * default {@code maxHttpRequestHeaderSize}, which both servers are set to).
	 */
	public static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;

	/** The most headers a request may send (Tomcat's default {@code maxHeaderCount}). */
	public static final int MAX_HEADER_COUNT = 100;

	/** The pattern an {@code X-Request-Id} must match to be echoed. */
	public static final String REQUEST_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

	/** The default number of entries in one {@code GET /api/activity} answer. */
	public static final int DEFAULT_ACTIVITY_LIMIT = 1000;

	/** The most entries in one {@code GET /api/activity} answer. */
	public static final int MAX_ACTIVITY_LIMIT = 10_000;

	/** How many finished requests the activity ring holds by default. */
	public static final int DEFAULT_ACTIVITY_CAPACITY = 10_000;

	/**
	 * The chunk in which files are read and written; a file delay is spread over the
	 * chunks.
	 */
	public static final int CHUNK_BYTES = 64 * 1024;

	/** The fewest Tomcat request threads the lab's knob may set. */
	public static final int MIN_TOMCAT_THREADS = 1;

	/**
	 * The most Tomcat request threads the lab's knob may set: room for the "Just add
	 * threads?" race's 2,000 and twice that, while a thread's ~1 MB of reserved stack
	 * still keeps the process inside the machine.
	 */
	public static final int MAX_TOMCAT_THREADS = 4000;

	/** The item that {@code GET /api/mixed} reads. */
	public static final long MIXED_ITEM_ID = 1;

	/** The file that {@code GET /api/mixed} reads. */
	public static final String MIXED_FILE_NAME = "sample-4k.txt";

	/**
	 * The increments one {@code POST /api/lab/counter} makes when {@code n} is absent.
	 */
	public static final int DEFAULT_COUNTER_INCREMENTS = 1000;

	/**
	 * The most increments one {@code POST /api/lab/counter} may make: at about a
	 * microsecond each, a request holds its thread (or event loop) for at most about 10
	 * ms.
	 */
	public static final int MAX_COUNTER_INCREMENTS = 10_000;

	private Limits() {
	}

	/**
	 * The share of a delay that one chunk of a file waits, so that a whole file takes
	 * {@code delayMs} longer, whatever its size and however its chunks are cut.
	 * @param delayMs the delay for the whole file
	 * @param chunkBytes the bytes in this chunk
	 * @param totalBytes the file's size
	 * @return this chunk's wait, in nanoseconds
	 */
	public static long delayShareNanos(int delayMs, long chunkBytes, long totalBytes) {
		if (totalBytes <= 0) {
			return delayMs * 1_000_000L;
		}
		return Math.round(delayMs * 1_000_000.0 * chunkBytes / totalBytes);
	}

}
