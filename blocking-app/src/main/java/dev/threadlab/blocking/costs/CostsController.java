package dev.threadlab.blocking.costs;

import dev.threadlab.shared.contract.CostsSnapshot;
import dev.threadlab.shared.costs.CostSampler;

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
	CostsSnapshot costs() {
		// Reads /proc on the request's own thread: a thread per request may block.
		return this.sampler.sample();
	}

}
