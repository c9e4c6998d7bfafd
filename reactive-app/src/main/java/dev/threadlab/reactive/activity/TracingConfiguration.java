package dev.threadlab.reactive.activity;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * The tracer and thread sampler of this process, and the resolver that hands a handler
 * its request's trace.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration implements WebFluxConfigurer {

	@Bean
	Tracer tracer() {
		return new Tracer(Contender.REACTIVE, Limits.DEFAULT_ACTIVITY_CAPACITY);
	}

	@Bean
	ThreadSampler threadSampler(Tracer tracer) {
		return new ThreadSampler(tracer);
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new RequestTraceArgumentResolver());
	}

}
