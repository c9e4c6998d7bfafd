package dev.threadlab.reactive.items;

import java.net.URI;

import dev.threadlab.shared.contract.ItemPage;
import dev.threadlab.shared.contract.ItemResponse;
import dev.threadlab.shared.contract.NewItem;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.RequestTrace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads and inserts items; every answer is a publisher that completes when the database
 * does, so no thread waits for it.
 */
@RestController
@RequestMapping("/api/items")
class ItemsController {

	private final ItemRepository items;

	ItemsController(ItemRepository items) {
		this.items = items;
	}

	@GetMapping("/{id}")
	Mono<ItemResponse> item(@PathVariable String id, @RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace) {
		long itemId = Params.itemId(id);
		int delay = Params.delay("delayMs", delayMs);
		boolean hold = Params.holdConnection(holdConnection);
		return this.items.find(itemId, delay, hold).map((item) -> new ItemResponse(item, trace.finish()));
	}

	@GetMapping
	Mono<ItemPage> page(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String offset,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace) {
		int delay = Params.delay("delayMs", delayMs);
		int pageSize = Params.limit(limit);
		long skip = Params.offset(offset);
		boolean hold = Params.holdConnection(holdConnection);
		return this.items.page(pageSize, skip, delay, hold)
			.collectList()
			.map((page) -> new ItemPage(page, pageSize, skip, trace.finish()));
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ItemResponse>> create(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String holdConnection, @RequestBody Mono<NewItem> body,
			RequestTrace trace) {
		int delay = Params.delay("delayMs", delayMs);
		boolean hold = Params.holdConnection(holdConnection);
		// An empty body, or the JSON literal null, reads as no item at all.
		return body.switchIfEmpty(Mono.error(LabException::unreadableItemBody))
			.map((newItem) -> Params.itemName(newItem.name()))
			.flatMap((name) -> this.items.insert(name, delay, hold))
			.map((item) -> ResponseEntity.created(URI.create("/api/items/" + item.id()))
				.body(new ItemResponse(item, trace.finish())));
	}

}
