package dev.threadlab.blocking.activity;

import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.Tracer;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/activity}: the requests that finished after a sequence number.
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
		return this.tracer.activity(Params.activityAfter(after), Params.activityLimit(limit));
	}

}
