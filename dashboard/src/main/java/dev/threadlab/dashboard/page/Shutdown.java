package dev.threadlab.dashboard.page;

import java.time.Duration;

import dev.threadlab.dashboard.lab.LabClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends the browsers' event streams and closes the apps' connection pools first thing when
 * the dashboard stops: an event stream never ends by itself, and the server's graceful
 * shutdown would otherwise wait for every open browser tab.
 */
@Component
class Shutdown implements SmartLifecycle {

	private final Sinks.Empty<Void> stopping = Sinks.empty();

	private final LabClients clients;

	private volatile boolean running;

	Shutdown(LabClients clients) {
		this.clients = clients;
	}

	<T> Flux<T> untilStopped(Flux<T> stream) {
		return stream.takeUntilOther(this.stopping.asMono());
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopping.tryEmitEmpty();
		this.clients.close(Duration.ofSeconds(5));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Before the web server's graceful shutdown, which waits for open requests.
		return Integer.MAX_VALUE;
	}

}
