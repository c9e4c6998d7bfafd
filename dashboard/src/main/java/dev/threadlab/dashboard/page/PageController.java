package dev.threadlab.dashboard.page;

import java.util.List;
import java.util.Locale;

import dev.threadlab.dashboard.language.Language;
import dev.threadlab.dashboard.language.PageMessages;
import dev.threadlab.dashboard.live.LiveFeed;
import dev.threadlab.dashboard.load.LoadForm;
import dev.threadlab.dashboard.load.LoadPlan;
import dev.threadlab.dashboard.race.RaceForm;
import dev.threadlab.dashboard.race.RacePresets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Renders the dashboard in the request's language; the live data then arrives over
 * {@code /events}.
 */
@Controller
class PageController {

	/** The legend's pools, in the order colors.js stacks them. */
	static final List<String> POOLS = List.of("request-workers", "event-loop", "virtual-carriers", "worker-pool",
			"timers", "db-pool", "other");

	/** The load table's columns, in the order load.js fills a row. */
	static final List<String> LOAD_COLUMNS = List.of("app", "model", "size", "throughput", "efficiency", "p50", "p90",
			"p99", "p999", "max", "errors", "peakThreads", "peakInFlight", "peakHeap", "peakRss", "engineCpu");

	private final LiveFeed feed;

	private final PageMessages messages;

	PageController(LiveFeed feed, PageMessages messages) {
		this.feed = feed;
		this.messages = messages;
	}

	@GetMapping("/")
	String dashboard(Locale locale, Model model, ServerHttpResponse response) {
		// The same URL answers in either language: a cache must tell them apart.
		response.getHeaders().addAll(HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE));
		model.addAttribute("lang", Language.of(locale.toLanguageTag()).orElse(Language.FALLBACK).tag());
		model.addAttribute("languages", List.of(Language.values()));
		model.addAttribute("messages", this.messages.json(locale));
		model.addAttribute("pools", POOLS);
		model.addAttribute("apps", this.feed.apps());
		model.addAttribute("stories", RacePresets.STORIES);
		model.addAttribute("breakIt", RacePresets.BREAK_IT);
		model.addAttribute("costPresets", RacePresets.COSTS);
		model.addAttribute("tourPresets", RacePresets.TOUR);
		model.addAttribute("endpoints", RaceForm.ENDPOINT_ORDER);
		model.addAttribute("maxRequests", RaceForm.MAX_REQUESTS);
		model.addAttribute("loadEndpoints", LoadForm.ENDPOINTS);
		model.addAttribute("loadColumns", LOAD_COLUMNS);
		model.addAttribute("maxConcurrency", LoadPlan.MAX_CONCURRENCY);
		model.addAttribute("maxSeconds", LoadPlan.MAX_DURATION.toSeconds());
		model.addAttribute("maxRate", LoadPlan.MAX_RATE);
		return "dashboard";
	}

}
