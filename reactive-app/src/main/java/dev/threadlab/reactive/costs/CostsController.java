package dev.threadlab.reactive.costs;

import dev.threadlab.shared.contract.CostsSnapshot;
import dev.threadlab.shared.costs.CostSampler;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/costs}: what this process has spent since it started, and what it holds
 * now.
 */
@RestController
class CostsController {

	private final CostSampler sampler;

	CostsController(CostSampler sampler) {
		this.sampler = sampler;
	}

	@GetMapping("/api/costs")
	Mono<CostsSnapshot> costs() {
		// Unlike blocking-app's, on boundedElastic: a read opens and reads one /proc file
		// per thread and may wait on the sampler's lock, blocking work that has no place
		// on an event loop.
		return Mono.fromCallable(this.sampler::sample).subscribeOn(Schedulers.boundedElastic());
	}

}
