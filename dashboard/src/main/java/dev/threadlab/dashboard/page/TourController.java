package dev.threadlab.dashboard.page;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.threadlab.dashboard.language.Language;
import dev.threadlab.dashboard.language.PageMessages;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Renders the tour: each idea of the study notes, a button that runs the race showing it
 * (through the dashboard's own race API), and what this machine measured.
 */
@Controller
class TourController {

	private final PageMessages messages;

	private final JsonMapper json;

	TourController(PageMessages messages, JsonMapper json) {
		this.messages = messages;
		this.json = json;
	}

	@GetMapping("/tour")
	String tour(Locale locale, Model model, ServerHttpResponse response) {
		// The same URL answers in either language: a cache must tell them apart.
		response.getHeaders().addAll(HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE));
		model.addAttribute("lang", Language.of(locale.toLanguageTag()).orElse(Language.FALLBACK).tag());
		model.addAttribute("languages", List.of(Language.values()));
		model.addAttribute("messages", this.messages.json(locale));
		model.addAttribute("stops", TourStop.ALL);
		model.addAttribute("races", TourStop.ALL.stream().map(this::race).toList());
		return "tour";
	}

	/** The body the stop's button posts to {@code /api/races}. */
	private String race(TourStop stop) {
		return (stop.preset() != null) ? this.json.writeValueAsString(Map.of("preset", stop.preset()))
				: this.json.writeValueAsString(stop.race());
	}

}
