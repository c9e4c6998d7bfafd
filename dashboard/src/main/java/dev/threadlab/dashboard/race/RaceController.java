package dev.threadlab.dashboard.race;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.threadlab.dashboard.lab.LabApp;
import dev.threadlab.dashboard.live.LiveFeed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts races and tells how to run them with curl.
 */
@RestController
class RaceController {

	private final RaceRunner runner;

	private final LiveFeed feed;

	RaceController(RaceRunner runner, LiveFeed feed) {
		this.runner = runner;
		this.feed = feed;
	}

	@GetMapping("/api/presets")
	List<RacePlan> presets() {
		return RacePresets.ALL;
	}

	@PostMapping("/api/races")
	ResponseEntity<RaceInfo> start(@RequestBody RaceForm form) {
		RacePlan plan = plan(form);
		// An app known to be down would only add failures; one not polled yet gets its
		// chance.
		List<LabApp> targets = this.feed.apps()
			.stream()
			.filter((app) -> !"down".equals(this.feed.status(app.name())))
			.toList();
		if (targets.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "every app is down");
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.runner.start(plan, targets));
	}

	@GetMapping("/api/races/current")
	ResponseEntity<RaceState> current() {
		RaceState state = this.runner.current();
		return (state != null) ? ResponseEntity.ok(state) : ResponseEntity.noContent().build();
	}

	@GetMapping("/api/curl")
	Map<String, String> curl(@ModelAttribute RaceForm form) {
		RacePlan plan = plan(form);
		Map<String, String> commands = new LinkedHashMap<>();
		this.feed.apps().forEach((app) -> commands.put(app.name(), CurlCommands.of(plan, app)));
		return commands;
	}

	private static RacePlan plan(RaceForm form) {
		try {
			return form.plan();
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	@ExceptionHandler
	ProblemDetail busy(RaceBusyException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

}
