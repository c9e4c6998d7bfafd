package dev.threadlab.dashboard.lab;

import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The two HTTP clients: a small one for polling, and a wide one that fires races.
 */
@Configuration(proxyBeanMethods = false)
class LabClientConfiguration {

	/** The most requests in flight to one app during a race. */
	static final int RACE_CONNECTIONS = 2_000;

	@Bean
	List<LabApp> labApps(LabProperties properties) {
		return properties.labApps();
	}

	@Bean
	PollCounter pollCounter() {
		return new PollCounter();
	}

	@Bean
	LabClients labClients(WebClient.Builder builder, PollCounter pollCounter) {
		// Polls are tiny and sequential per app: a few connections, and a refused
		// connection should say "down" at once rather than after a long connect
		// timeout.
		ConnectionProvider pollPool = ConnectionProvider.builder("lab-poll")
			.maxConnections(16)
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		HttpClient pollHttp = HttpClient.create(pollPool).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
		WebClient poll = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(pollHttp))
			.filter(pollCounter.filter())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		// A race opens one connection per request in flight, up to the race's bound, to
		// each app; the pool is per remote address, so each app gets its own 2,000.
		ConnectionProvider racePool = ConnectionProvider.builder("lab-race")
			.maxConnections(RACE_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(60))
			.maxIdleTime(Duration.ofSeconds(10))
			.build();
		// Every race request opens its own connection, as a crowd of separate users
		// would: an event-loop server ties a connection to one loop, so reused
		// connections would hide how requests that land on a busy loop wait behind it.
		HttpClient raceHttp = HttpClient.create(racePool)
			.keepAlive(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
		WebClient race = builder.clone().clientConnector(new ReactorClientHttpConnector(raceHttp)).build();
		// The loops are read on a new connection each time, not from a pool: Reactor
		// Netty
		// gives each connection to the next event loop, for life, so a kept-alive
		// connection would make the poll wait for whichever loop a sleep holds. Left out
		// of the poll counter, which the browser tests hold to a few polls a second.
		HttpClient loopsHttp = HttpClient.newConnection()
			.keepAlive(false)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 1000);
		WebClient loops = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(loopsHttp))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
			.build();
		return new LabClients(poll, race, List.of(pollPool, racePool), loops);
	}

}
