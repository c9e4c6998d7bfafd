package dev.threadlab.blocking.threads;

import dev.threadlab.shared.contract.ThreadSnapshot;
import dev.threadlab.shared.threads.ThreadSampler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/threads}: this process's threads, by state and by pool.
 */
@RestController
class ThreadsController {

	private final ThreadSampler sampler;

	ThreadsController(ThreadSampler sampler) {
		this.sampler = sampler;
	}

	@GetMapping("/api/threads")
	ThreadSnapshot threads() {
		return this.sampler.sample();
	}

}
