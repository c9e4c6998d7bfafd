package dev.threadlab.blocking.activity;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.DbPoolSnapshot;
import dev.threadlab.shared.costs.CostSampler;
import dev.threadlab.shared.db.Database;
import dev.threadlab.shared.threads.PinnedEvents;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The tracer every request passes through, the thread sampler, and the wiring that hands
 * handlers their {@link dev.threadlab.shared.trace.RequestTrace}. With
 * {@code lab.trace.enabled=false} the filter is not registered at all and handlers get
 * the off trace: the tracer stays, idle, for {@code /api/threads} and
 * {@code /api/activity}.
 */
@Configuration(proxyBeanMethods = false)
// Enabled here as well as scanned: MVC slice tests load this configurer but scan no
// properties.
@EnableConfigurationProperties(LabProperties.class)
class TracingConfiguration implements WebMvcConfigurer {

	private static final Log logger = LogFactory.getLog(TracingConfiguration.class);

	private final boolean tracing;

	TracingConfiguration(LabProperties lab) {
		this.tracing = lab.trace().enabled();
	}

	@Bean
	Tracer tracer(Environment environment, LabProperties lab) {
		if (!this.tracing) {
			// Said once at startup, so that a benchmark's log shows which run this was.
			logger.info("Request tracing is off (lab.trace.enabled=false): no trace, no X-Request-Id, "
					+ "no activity and no in-flight counts; for measuring what tracing costs only");
		}
		return new Tracer(contender(environment), lab.activityCapacity());
	}

	@Bean
	ThreadSampler threadSampler(Tracer tracer, ObjectProvider<DataSource> dataSource, PinnedEvents pinnedEvents) {
		return new ThreadSampler(tracer, dbPool(dataSource.getIfAvailable()), pinnedEvents);
	}

	@Bean
	PinnedEvents pinnedEvents(Tracer tracer) {
		// Closed with the context (an inferred close method): its JFR stream runs on a
		// thread that would otherwise keep the JVM alive.
		return (tracer.contender() == Contender.VIRTUAL) ? PinnedEvents.record() : PinnedEvents.none();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "lab.trace.enabled", matchIfMissing = true)
	FilterRegistrationBean<TraceFilter> traceFilter(Tracer tracer) {
		FilterRegistrationBean<TraceFilter> registration = new FilterRegistrationBean<>(new TraceFilter(tracer));
		// Outermost, so that a request's time includes every other filter.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	CostSampler costSampler(Tracer tracer) {
		// Told whether tracing is on: with it off no request is counted, and
		// requests.completed says so with null rather than a zero.
		return new CostSampler(tracer, this.tracing);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RequestTraceArgumentResolver(this.tracing));
	}

	/**
	 * Reads HikariCP's counts and its database for {@code /api/threads}; none where the
	 * data source is not Hikari's (or, in slice tests, there is none).
	 */
	static Supplier<@Nullable DbPoolSnapshot> dbPool(@Nullable DataSource dataSource) {
		if (!(dataSource instanceof HikariDataSource hikari)) {
			return () -> null;
		}
		return () -> {
			HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
			if (pool == null) {
				return null; // not started: Hikari opens its pool on the first borrow
			}
			String url = Objects.requireNonNull(hikari.getJdbcUrl());
			return new DbPoolSnapshot("hikari", pool.getActiveConnections(), pool.getIdleConnections(),
					pool.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize(), Database.of(url).label(),
					Database.address(url));
		};
	}

	/**
	 * Which contender this process is: {@code VirtualThreadsCheck} has already refused to
	 * start where virtual threads were asked for and cannot be had.
	 */
	static Contender contender(Environment environment) {
		return Threading.VIRTUAL.isActive(environment) ? Contender.VIRTUAL : Contender.BLOCKING;
	}

}
