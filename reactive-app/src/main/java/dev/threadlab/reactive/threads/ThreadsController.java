package dev.threadlab.reactive.threads;

import dev.threadlab.shared.contract.ThreadSnapshot;
import dev.threadlab.shared.threads.ThreadSampler;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A snapshot of this process's threads, by state and by pool.
 */
@RestController
class ThreadsController {

	private final ThreadSampler sampler;

	ThreadsController(ThreadSampler sampler) {
		this.sampler = sampler;
	}

	@GetMapping("/api/threads")
	ThreadSnapshot threads() {
		// A pass over a few dozen threads, no stacks, no I/O: fine on an event loop.
		return this.sampler.sample();
	}

}
