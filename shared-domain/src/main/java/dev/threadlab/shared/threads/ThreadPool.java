package dev.threadlab.shared.threads;

import java.util.regex.Pattern;

/**
 * The pools the lab sorts platform threads into, by the names their frameworks give them.
 */
public enum ThreadPool {

	/**
	 * Tomcat's request threads: {@code http-nio-8081-exec-7}, {@code tomcat-handler-3}.
	 */
	REQUEST_WORKERS("request-workers"),

	/**
	 * Reactor Netty's event loops: {@code reactor-http-epoll-2} (native transport) or
	 * {@code reactor-http-nio-2}.
	 */
	EVENT_LOOP("event-loop"),

	/**
	 * Where blocking work is sent: Reactor's {@code boundedElastic-*}, the file channel
	 * pool {@code file-io-*}, Spring's {@code task-*} executor.
	 */
	WORKER_POOL("worker-pool"),

	/** Reactor's {@code parallel-*} threads, on which {@code Mono.delay} timers fire. */
	TIMERS("timers"),

	/** Connection pool housekeeping: HikariCP, R2DBC pool. */
	DB_POOL("db-pool"),

	/** The {@code ForkJoinPool-N-worker-M} threads that carry virtual threads. */
	VIRTUAL_CARRIERS("virtual-carriers"),

	/** Everything else: the JVM's own threads, GC, JIT, signal handlers and so on. */
	OTHER("other");

	private static final Pattern TOMCAT_EXEC = Pattern.compile("https?-\\w+-.*-exec-\\d+");

	private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-\\d+-worker-\\d+");

	private final String label;

	ThreadPool(String label) {
		this.label = label;
	}

	/**
	 * The pool's name in {@code /api/threads}.
	 * @return the name, such as {@code request-workers}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Sorts a thread into its pool by name.
	 * @param threadName the thread's name
	 * @return the pool, {@link #OTHER} when no rule matches
	 */
	public static ThreadPool classify(String threadName) {
		if (threadName.startsWith("reactor-http-")) {
			return EVENT_LOOP;
		}
		if (threadName.startsWith("tomcat-handler-") || TOMCAT_EXEC.matcher(threadName).matches()) {
			return REQUEST_WORKERS;
		}
		if (threadName.startsWith("parallel-")) {
			return TIMERS;
		}
		if (threadName.startsWith("boundedElastic-") || threadName.startsWith("file-io-")
				|| threadName.startsWith("task-")) {
			return WORKER_POOL;
		}
		if (threadName.startsWith("HikariPool-") || threadName.startsWith("r2dbc-")) {
			return DB_POOL;
		}
		if (CARRIER.matcher(threadName).matches()) {
			return VIRTUAL_CARRIERS;
		}
		return OTHER;
	}

}
