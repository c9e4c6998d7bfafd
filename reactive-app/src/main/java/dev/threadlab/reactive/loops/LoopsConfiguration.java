package dev.threadlab.reactive.loops;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import dev.threadlab.shared.loops.LoopExecutor;
import dev.threadlab.shared.loops.LoopMonitor;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The lag probes on the server's event loops, and the sampler of {@code /api/loops}.
 */
@Configuration(proxyBeanMethods = false)
class LoopsConfiguration {

	/**
	 * A probe on each of the loops that serve HTTP. The server runs on the resource
	 * factory's loops, preferring the native transport as Reactor Netty does by default;
	 * with no separate select count its accepting loop is one of them. With
	 * {@code lab.loops.probes=false} there is no probe (to measure what they cost).
	 * @param resources the server's loop resources ({@code EventLoopConfiguration})
	 * @return the running monitor, closed with the context
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "lab.loops.probes", matchIfMissing = true)
	LoopMonitor loopMonitor(ReactorResourceFactory resources) {
		EventLoopGroup server = resources.getLoopResources().onServer(LoopResources.DEFAULT_NATIVE);
		List<NettyLoop> loops = new ArrayList<>();
		for (EventExecutor executor : server) {
			loops.add(new NettyLoop(executor));
		}
		return new LoopMonitor(loops);
	}

	@Bean
	LoopsSampler loopsSampler(ObjectProvider<LoopMonitor> monitor, ExecutorService fileIoExecutor) {
		return new LoopsSampler(monitor.getIfAvailable(), fileIoExecutor);
	}

	/**
	 * A Netty event loop. Its {@code schedule} and {@code execute} only add to a queue (a
	 * lock-free one from other threads), so the probe never waits on the loop.
	 */
	private record NettyLoop(EventExecutor executor) implements LoopExecutor {

		@Override
		public void execute(Runnable task) {
			this.executor.execute(task);
		}

		@Override
		public void schedule(Runnable task, long delay, TimeUnit unit) {
			this.executor.schedule(task, delay, unit);
		}

		@Override
		public int pendingTasks() {
			return (this.executor instanceof SingleThreadEventLoop loop) ? loop.pendingTasks() : 0;
		}

	}

}
