package dev.threadlab.reactive.activity;

import java.util.function.Supplier;

import dev.threadlab.reactive.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.DbPoolSnapshot;
import dev.threadlab.shared.costs.CostSampler;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.threads.PinnedEvents;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * The tracer and thread sampler of this process, and the resolver that hands a handler
 * its request's trace. With {@code lab.trace.enabled=false} there is no
 * {@link TraceFilter} and handlers get the off trace: the tracer stays, idle, for
 * {@code /api/threads} and {@code /api/activity}.
 */
@Configuration(proxyBeanMethods = false)
// Enabled here as well as scanned: WebFlux slices load this configurer, not the scan.
@EnableConfigurationProperties(LabProperties.class)
class TracingConfiguration implements WebFluxConfigurer {

	private static final Log logger = LogFactory.getLog(TracingConfiguration.class);

	private final boolean tracing;

	TracingConfiguration(LabProperties lab) {
		this.tracing = lab.trace().enabled();
	}

	@Bean
	Tracer tracer(LabProperties lab) {
		if (!this.tracing) {
			// Said once at startup, so that a benchmark's log shows which run this was.
			logger.info("Request tracing is off (lab.trace.enabled=false): no trace, no X-Request-Id, "
					+ "no activity and no in-flight counts; for measuring what tracing costs only");
		}
		return new Tracer(Contender.REACTIVE, lab.activityCapacity());
	}

	@Bean
	ThreadSampler threadSampler(Tracer tracer, ObjectProvider<ConnectionFactory> connectionFactory,
			Environment environment) {
		// No virtual threads here, so nothing can pin: pinnedEvents stays null.
		return new ThreadSampler(tracer,
				dbPool(connectionFactory.getIfAvailable(), environment.getProperty("spring.r2dbc.url")),
				PinnedEvents.none());
	}

	@Bean
	CostSampler costSampler(Tracer tracer) {
		// Told whether tracing is on: with it off no request is counted, and
		// requests.completed says so with null rather than a zero.
		return new CostSampler(tracer, this.tracing);
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new RequestTraceArgumentResolver(this.tracing));
	}

	/**
	 * Reads the R2DBC pool's counts for {@code /api/threads}: connections lent out, idle,
	 * subscribers waiting for one, the most it opens, and its database; none where the
	 * connection factory is not a pool (or, in slice tests, there is none). Unlike
	 * Hikari, the pool does not tell its URL, so the server's address comes from the
	 * configured {@code spring.r2dbc.url}.
	 */
	static Supplier<@Nullable DbPoolSnapshot> dbPool(@Nullable ConnectionFactory connectionFactory,
			@Nullable String url) {
		if (!(connectionFactory instanceof ConnectionPool pool)) {
			return () -> null;
		}
		// The pool answers its driver's metadata: "H2" or "PostgreSQL", known without a
		// connection.
		String database = Database.of(pool.getMetadata().getName()).label();
		String address = (url != null) ? Database.address(url) : null;
		return () -> pool.getMetrics()
			.map((metrics) -> new DbPoolSnapshot("r2dbc", metrics.acquiredSize(), metrics.idleSize(),
					metrics.pendingAcquireSize(), metrics.getMaxAllocatedSize(), database, address))
			.orElse(null);
	}

}
