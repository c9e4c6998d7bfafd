package dev.threadlab.reactive.activity;

import java.util.function.Supplier;

import dev.threadlab.reactive.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.DbPoolSnapshot;
import dev.threadlab.shared.threads.PinnedEvents;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * The tracer and thread sampler of this process, and the resolver that hands a handler
 * its request's trace.
 */
@Configuration(proxyBeanMethods = false)
// Enabled here as well as scanned: WebFlux slices load this configurer, not the scan.
@EnableConfigurationProperties(LabProperties.class)
class TracingConfiguration implements WebFluxConfigurer {

	@Bean
	Tracer tracer(LabProperties lab) {
		return new Tracer(Contender.REACTIVE, lab.activityCapacity());
	}

	@Bean
	ThreadSampler threadSampler(Tracer tracer, ObjectProvider<ConnectionFactory> connectionFactory) {
		// No virtual threads here, so nothing can pin: pinnedEvents stays null.
		return new ThreadSampler(tracer, dbPool(connectionFactory.getIfAvailable()), PinnedEvents.none());
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new RequestTraceArgumentResolver());
	}

	/**
	 * Reads the R2DBC pool's counts for {@code /api/threads}: connections lent out, idle,
	 * subscribers waiting for one, and the most it opens; none where the connection
	 * factory is not a pool (or, in slice tests, there is none).
	 */
	static Supplier<@Nullable DbPoolSnapshot> dbPool(@Nullable ConnectionFactory connectionFactory) {
		if (!(connectionFactory instanceof ConnectionPool pool)) {
			return () -> null;
		}
		return () -> pool.getMetrics()
			.map((metrics) -> new DbPoolSnapshot("r2dbc", metrics.acquiredSize(), metrics.idleSize(),
					metrics.pendingAcquireSize(), metrics.getMaxAllocatedSize()))
			.orElse(null);
	}

}
