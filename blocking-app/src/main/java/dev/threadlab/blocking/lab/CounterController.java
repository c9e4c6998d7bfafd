package dev.threadlab.blocking.lab;

import dev.threadlab.shared.contract.CounterResponse;
import dev.threadlab.shared.contract.CounterSnapshot;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.work.SharedCounter;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/lab/counter}: one counter every request shares, incremented unsafely or
 * atomically, to show lost updates when request threads (Tomcat's, or virtual ones on the
 * virtual profile) run at once. It changes the lab, so {@code access.LoopbackGuard} keeps
 * callers from other machines out.
 */
@RestController
@RequestMapping("/api/lab/counter")
class CounterController {

	/** The state the request threads share: one per app, as a field of a singleton. */
	private final SharedCounter counter = new SharedCounter();

	@PostMapping
	CounterResponse count(@RequestParam(required = false) @Nullable String n,
			@RequestParam(required = false) @Nullable String mode) {
		int increments = Params.counterIncrements(n);
		boolean atomic = Params.counterAtomic(mode);
		long value = this.counter.increment(increments, atomic);
		return new CounterResponse(atomic ? "atomic" : "unsafe", increments, value);
	}

	@GetMapping
	CounterSnapshot read() {
		return new CounterSnapshot(this.counter.value());
	}

	@DeleteMapping
	CounterSnapshot reset() {
		this.counter.reset();
		return new CounterSnapshot(this.counter.value());
	}

}
