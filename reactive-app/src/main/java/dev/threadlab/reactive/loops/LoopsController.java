package dev.threadlab.reactive.loops;

import dev.threadlab.shared.contract.LoopsSnapshot;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/loops}: how long each event loop is held, what it is doing, and where
 * work waits for a thread.
 */
@RestController
class LoopsController {

	private final LoopsSampler sampler;

	LoopsController(LoopsSampler sampler) {
		this.sampler = sampler;
	}

	@GetMapping("/api/loops")
	Mono<LoopsSnapshot> loops() {
		// A stack sample stops each thread for a moment, and the pools' counts take their
		// locks: a blocking read, so it goes to boundedElastic. An event loop runs none
		// of it; the lag is read from the probes' published due times, not from the
		// loops.
		return Mono.fromCallable(this.sampler::sample).subscribeOn(Schedulers.boundedElastic());
	}

}
