package dev.threadlab.reactive.items;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Opens every connection of the R2DBC pool at start, before the server takes a request,
 * as HikariCP opens its fixed pool on blocking-app (which needs no such class). Two
 * reasons. A pool that opens connections on demand makes the first wave of a race pay for
 * the handshakes, which is not what the lab compares. And on PostgreSQL a new connection
 * authenticates with SCRAM, whose nonce r2dbc-postgresql draws from {@code SecureRandom},
 * a read of {@code /dev/urandom} on the driver's event loop
 * ({@code reactor-tcp-epoll-N}): BlockHound rightly reports it, so it happens here, once
 * per connection, and never while a request waits.
 */
@Component
class PoolWarmup implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(PoolWarmup.class);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final ConnectionFactory connectionFactory;

	PoolWarmup(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!(this.connectionFactory instanceof ConnectionPool pool)) {
			return;
		}
		// At start, on the main thread, before the server listens: the one place this app
		// waits, and waiting is right here. The schema's first borrow has already started
		// opening the pool's initial connections in the background, and warmup() counts
		// only those it adds, so the ones being opened are waited for too: a tick every
		// 20 ms until every allocated connection is idle or lent out.
		PoolMetrics metrics = pool.getMetrics().orElseThrow();
		pool.warmup()
			.thenMany(Flux.interval(Duration.ZERO, Duration.ofMillis(20)))
			.filter((tick) -> metrics.idleSize() + metrics.acquiredSize() >= metrics.allocatedSize())
			.next()
			.timeout(WAIT, Mono.empty())
			.block();
		logger.info("Opened " + (metrics.idleSize() + metrics.acquiredSize()) + " of " + metrics.getMaxAllocatedSize()
				+ " pooled connections to " + pool.getMetadata().getName() + " before serving");
	}

}
