package dev.threadlab.dashboard.page;

import dev.threadlab.dashboard.live.LiveFeed;
import dev.threadlab.dashboard.load.LoadForm;
import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.race.RaceForm;
import dev.threadlab.dashboard.race.RacePresets;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Renders the dashboard; the live data then arrives over {@code /events}.
 */
@Controller
class PageController {

	private final LiveFeed feed;

	PageController(LiveFeed feed) {
		this.feed = feed;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("apps", this.feed.apps());
		model.addAttribute("stories", RacePresets.STORIES);
		model.addAttribute("breakIt", RacePresets.BREAK_IT);
		model.addAttribute("endpoints", RaceForm.ENDPOINT_ORDER);
		model.addAttribute("maxRequests", RaceForm.MAX_REQUESTS);
		model.addAttribute("loadEndpoints", LoadForm.ENDPOINTS);
		model.addAttribute("maxConcurrency", LoadPlan.MAX_CONCURRENCY);
		model.addAttribute("maxSeconds", LoadPlan.MAX_DURATION.toSeconds());
		model.addAttribute("maxRate", LoadPlan.MAX_RATE);
		return "dashboard";
	}

}
