package dev.threadlab.reactive.activity;

import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The activity feed: recently finished requests, oldest first.
 */
@RestController
class ActivityController {

	private final Tracer tracer;

	ActivityController(Tracer tracer) {
		this.tracer = tracer;
	}

	@GetMapping("/api/activity")
	ActivityPage activity(@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable String limit) {
		// A walk over an in-memory ring: cheap enough for the event loop.
		return this.tracer.activity(Params.activityAfter(after), Params.activityLimit(limit));
	}

}
