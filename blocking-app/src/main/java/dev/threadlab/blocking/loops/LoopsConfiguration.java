package dev.threadlab.blocking.loops;

import dev.threadlab.shared.loops.VirtualScheduler;
import dev.threadlab.shared.trace.Tracer;

import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sampler of {@code /api/loops}. No probes: this app has no event loop to probe.
 */
@Configuration(proxyBeanMethods = false)
class LoopsConfiguration {

	@Bean
	LoopsSampler loopsSampler(ApplicationContext context, Tracer tracer) {
		return new LoopsSampler(context, tracer.contender(), VirtualScheduler.ofThisJvm());
	}

}
