package dev.threadlab.blocking.lab;

import java.util.Optional;

import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Params;
import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lab/knobs}: resizes Tomcat's request thread pool while the app runs, so the
 * same race can be run on 200, 20 and 2 threads. Registered only with
 * {@code lab.knobs.enabled=true}. The knobs change how the whole app serves everyone, so
 * only callers on this machine reach them: {@code access.LoopbackGuard} refuses the rest
 * before any knob is read.
 */
@RestController
@RequestMapping("/api/lab/knobs")
@ConditionalOnBooleanProperty("lab.knobs.enabled")
class KnobsController {

	private final ApplicationContext context;

	private final Object resizing = new Object();

	KnobsController(ApplicationContext context) {
		this.context = context;
	}

	@GetMapping
	Knobs knobs() {
		return pool().map(TomcatPool::knobs).orElse(Knobs.NO_POOL);
	}

	@PutMapping("/tomcat-threads")
	Knobs tomcatThreads(@RequestParam(required = false) @Nullable String max) {
		int threads = Params.tomcatMaxThreads(max);
		TomcatPool pool = pool().orElseThrow(LabException::noThreadPool);
		synchronized (this.resizing) {
			pool.resize(threads);
		}
		return pool.knobs();
	}

	/** The embedded Tomcat's own request thread pool, where there is one. */
	private Optional<TomcatPool> pool() {
		if (this.context instanceof WebServerApplicationContext web
				&& web.getWebServer() instanceof TomcatWebServer tomcat
				&& tomcat.getTomcat().getConnector().getProtocolHandler() instanceof AbstractProtocol<?> protocol
				&& protocol.getExecutor() instanceof ThreadPoolExecutor executor) {
			return Optional.of(new TomcatPool(protocol, executor));
		}
		return Optional.empty();
	}

	/**
	 * Tomcat's request thread pool.
	 *
	 * @param protocol the connector's protocol, which remembers the configured sizes
	 * @param executor the pool that runs the requests
	 */
	private record TomcatPool(AbstractProtocol<?> protocol, ThreadPoolExecutor executor) {

		/**
		 * Resizes the running pool. Its core size (Tomcat's spare threads) may never be
		 * above its maximum, so a shrink lowers the core first and a growth raises the
		 * maximum first. Threads over the new maximum leave as soon as they are idle, so
		 * from then on at most {@code max} requests run at once and the rest queue.
		 */
		void resize(int max) {
			if (max < this.executor.getCorePoolSize()) {
				this.executor.setCorePoolSize(max);
			}
			this.executor.setMaximumPoolSize(max);
			// Tomcat's own record of it, which its metrics report as the configured
			// maximum, and which caps the configured spare threads it answers below.
			this.protocol.setMaxThreads(max);
			this.executor.setCorePoolSize(Math.min(this.protocol.getMinSpareThreads(), max));
		}

		Knobs knobs() {
			return new Knobs(this.executor.getMaximumPoolSize(), this.executor.getCorePoolSize(),
					this.executor.getPoolSize(), this.executor.getActiveCount());
		}

	}

	/**
	 * The knobs' settings now; all {@code null} where there is no request thread pool
	 * (virtual threads).
	 *
	 * @param tomcatMaxThreads the most requests Tomcat runs at once
	 * @param tomcatMinSpareThreads the threads it keeps even when idle
	 * @param tomcatThreads its request threads alive now
	 * @param tomcatBusyThreads those running a request now
	 */
	record Knobs(@Nullable Integer tomcatMaxThreads, @Nullable Integer tomcatMinSpareThreads,
			@Nullable Integer tomcatThreads, @Nullable Integer tomcatBusyThreads) {

		static final Knobs NO_POOL = new Knobs(null, null, null, null);

	}

}
