package dev.threadlab.blocking.loops;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.LoopsSnapshot;
import dev.threadlab.shared.contract.RequestPoolSnapshot;
import dev.threadlab.shared.contract.VirtualSchedulerSnapshot;
import dev.threadlab.shared.loops.VirtualScheduler;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * Takes the snapshots of {@code GET /api/loops} on blocking-app: Tomcat's request thread
 * pool on platform threads, the JDK's virtual thread scheduler on virtual threads. Unlike
 * reactive-app's, it needs no stack sample: the counts are the executor's own.
 */
final class LoopsSampler {

	private final ApplicationContext context;

	private final Contender contender;

	private final VirtualScheduler virtualScheduler;

	LoopsSampler(ApplicationContext context, Contender contender, VirtualScheduler virtualScheduler) {
		this.context = context;
		this.contender = contender;
		this.virtualScheduler = virtualScheduler;
	}

	LoopsSnapshot sample() {
		Map<String, String> notes = new LinkedHashMap<>();
		notes.put("loops", "None: Tomcat hands each request to a thread that runs it to the end. "
				+ "Its NIO poller is a selector loop too, but it runs no request code, so it is not probed.");
		notes.put("pools", "None: a request does its blocking work on its own thread.");
		RequestPoolSnapshot requestPool = requestPool();
		if (requestPool != null) {
			notes.put("requestPool.queued", "Requests read from accepted connections and waiting for a thread. "
					+ "Connections still in the kernel's accept backlog are invisible to Tomcat, and so to this count; "
					+ "only the client sees their wait.");
		}
		else {
			notes.put("requestPool",
					(this.contender == Contender.VIRTUAL)
							? "None: each request runs on a new virtual thread, with no pool, no maximum and no queue; "
									+ "see virtualScheduler."
							: "Not available: the server is not an embedded Tomcat with its own thread pool.");
		}
		VirtualSchedulerSnapshot scheduler = virtualScheduler(notes);
		return new LoopsSnapshot(this.contender.app(), this.contender.model(), Instant.now(), List.of(), List.of(),
				requestPool, scheduler, Collections.unmodifiableMap(notes));
	}

	private @Nullable VirtualSchedulerSnapshot virtualScheduler(Map<String, String> notes) {
		if (this.contender != Contender.VIRTUAL) {
			notes.put("virtualScheduler", "None: requests run on platform threads.");
			return null;
		}
		VirtualSchedulerSnapshot read = this.virtualScheduler.read();
		if (read == null) {
			notes.put("virtualScheduler", "Not readable on Java " + Runtime.version().feature()
					+ ": jdk.management.VirtualThreadSchedulerMXBean needs JDK 24+.");
		}
		return read;
	}

	/** The embedded Tomcat's own request thread pool, where there is one. */
	private @Nullable RequestPoolSnapshot requestPool() {
		if (this.context instanceof WebServerApplicationContext web
				&& web.getWebServer() instanceof TomcatWebServer tomcat
				&& tomcat.getTomcat().getConnector().getProtocolHandler() instanceof AbstractProtocol<?> protocol
				&& protocol.getExecutor() instanceof ThreadPoolExecutor executor) {
			// The queue is Tomcat's TaskQueue: a connection with a request ready is
			// queued there only once every thread up to the maximum is busy.
			return new RequestPoolSnapshot("tomcat", executor.getPoolSize(), executor.getActiveCount(),
					executor.getMaximumPoolSize(), executor.getQueue().size(), protocol.getConnectionCount());
		}
		return null;
	}

}
