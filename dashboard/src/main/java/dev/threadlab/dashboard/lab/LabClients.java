package dev.threadlab.dashboard.lab;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The dashboard's HTTP clients to the apps.
 *
 * @param poll polls threads and activity, counted by {@link PollCounter}
 * @param race fires races, with a connection pool wide enough for the largest one
 * @param pools the connection pools behind them, closed when the dashboard stops
 * @param loops polls {@code /api/loops}, on a new connection each time, so that an event
 * loop held by a sleep cannot hold the poll too
 */
public record LabClients(WebClient poll, WebClient race, List<ConnectionProvider> pools, WebClient loops) {

	/**
	 * Clients whose pools are not the dashboard's to close.
	 * @param poll the polling client
	 * @param race the racing client
	 */
	public LabClients(WebClient poll, WebClient race) {
		this(poll, race, List.of(), poll);
	}

	/**
	 * Closes the connection pools, waiting a little for them.
	 * @param timeout how long to wait
	 */
	public void close(Duration timeout) {
		Flux.fromIterable(this.pools).flatMap(ConnectionProvider::disposeLater).then().block(timeout);
	}

}
