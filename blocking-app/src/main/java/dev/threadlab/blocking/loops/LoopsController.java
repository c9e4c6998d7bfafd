package dev.threadlab.blocking.loops;

import dev.threadlab.shared.contract.LoopsSnapshot;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/loops}: no event loop here, but where requests wait for a thread.
 */
@RestController
class LoopsController {

	private final LoopsSampler sampler;

	LoopsController(LoopsSampler sampler) {
		this.sampler = sampler;
	}

	@GetMapping("/api/loops")
	LoopsSnapshot loops() {
		// Read on the request's own thread, like everything here. With every thread busy
		// this request waits in the very queue it reports, as any other does.
		return this.sampler.sample();
	}

}
