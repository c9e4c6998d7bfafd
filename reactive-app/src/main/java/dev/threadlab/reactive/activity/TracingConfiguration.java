package dev.threadlab.reactive.activity;

import dev.threadlab.reactive.lab.LabProperties;
import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.threads.ThreadSampler;
import dev.threadlab.shared.trace.Tracer;

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
	ThreadSampler threadSampler(Tracer tracer) {
		return new ThreadSampler(tracer);
	}

	@Override
	public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
		configurer.addCustomResolver(new RequestTraceArgumentResolver());
	}

}
