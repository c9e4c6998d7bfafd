package dev.threadlab.blocking.activity;

import java.util.List;

import dev.threadlab.blocking.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;

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
 * handlers their {@link dev.threadlab.shared.trace.RequestTrace}.
 */
@Configuration(proxyBeanMethods = false)
// Enabled here as well as scanned: MVC slice tests load this configurer but scan no
// properties.
@EnableConfigurationProperties(LabProperties.class)
class TracingConfiguration implements WebMvcConfigurer {

	@Bean
	Tracer tracer(Environment environment, LabProperties lab) {
		return new Tracer(contender(environment), lab.activityCapacity());
	}

	@Bean
	ThreadSampler threadSampler(Tracer tracer) {
		return new ThreadSampler(tracer);
	}

	@Bean
	FilterRegistrationBean<TraceFilter> traceFilter(Tracer tracer) {
		FilterRegistrationBean<TraceFilter> registration = new FilterRegistrationBean<>(new TraceFilter(tracer));
		// Outermost, so that a request's time includes every other filter.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new RequestTraceArgumentResolver());
	}

	/**
	 * Which contender this process is: {@code VirtualThreadsCheck} has already refused to
	 * start where virtual threads were asked for and cannot be had.
	 */
	static Contender contender(Environment environment) {
		return Threading.VIRTUAL.isActive(environment) ? Contender.VIRTUAL : Contender.BLOCKING;
	}

}
