package dev.threadlab.blocking.items;

import java.net.URI;

import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.contract.ItemPage;
import dev.threadlab.shared.contract.ItemResponse;
import dev.threadlab.shared.contract.NewItem;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.RequestTrace;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/items}: read and insert items, each request on its own thread from start to
 * end.
 */
@RestController
@RequestMapping("/api/items")
class ItemsController {

	private final ItemRepository items;

	ItemsController(ItemRepository items) {
		this.items = items;
	}

	@GetMapping("/{id}")
	ItemResponse item(@PathVariable String id, @RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace)
			throws InterruptedException {
		long itemId = Params.itemId(id);
		int delay = Params.delay("delayMs", delayMs);
		boolean hold = Params.holdConnection(holdConnection);
		Item item = this.items.find(itemId, delay, hold);
		return new ItemResponse(item, trace.finish());
	}

	@GetMapping
	ItemPage page(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String offset,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace)
			throws InterruptedException {
		int delay = Params.delay("delayMs", delayMs);
		int pageSize = Params.limit(limit);
		long skip = Params.offset(offset);
		boolean hold = Params.holdConnection(holdConnection);
		return new ItemPage(this.items.page(pageSize, skip, delay, hold), pageSize, skip, trace.finish());
	}

	@PostMapping
	ResponseEntity<ItemResponse> create(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String holdConnection, @RequestBody NewItem body,
			RequestTrace trace) throws InterruptedException {
		int delay = Params.delay("delayMs", delayMs);
		boolean hold = Params.holdConnection(holdConnection);
		Item item = this.items.insert(Params.itemName(body.name()), delay, hold);
		return ResponseEntity.created(URI.create("/api/items/" + item.id()))
			.body(new ItemResponse(item, trace.finish()));
	}

}
