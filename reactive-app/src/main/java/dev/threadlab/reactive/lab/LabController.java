package dev.threadlab.reactive.lab;

import dev.threadlab.reactive.files.FileStore;
import dev.threadlab.reactive.items.ItemRepository;
import dev.threadlab.shared.contract.CpuResponse;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.contract.Item;
import dev.threadlab.shared.contract.MixedResponse;
import dev.threadlab.shared.contract.SleepResponse;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.RequestTrace;
import dev.threadlab.shared.work.CpuWork;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The experiments: a database read and a file read in sequence or at once, CPU-bound
 * work, and a blocking sleep, on the event loop or moved off it.
 */
@RestController
@RequestMapping("/api")
class LabController {

	private final ItemRepository items;

	private final FileStore files;

	LabController(ItemRepository items, FileStore files) {
		this.items = items;
		this.files = files;
	}

	@GetMapping("/mixed")
	Mono<MixedResponse> mixed(@RequestParam(required = false) @Nullable String dbDelayMs,
			@RequestParam(required = false) @Nullable String fileDelayMs,
			@RequestParam(required = false) @Nullable String parallel,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace,
			ServerHttpResponse response) {
		int dbDelay = Params.delay("dbDelayMs", dbDelayMs);
		int fileDelay = Params.delay("fileDelayMs", fileDelayMs);
		boolean atOnce = Params.flag("parallel", parallel);
		boolean hold = Params.holdConnection(holdConnection);
		Mono<Item> item = this.items.find(Limits.MIXED_ITEM_ID, dbDelay, hold);
		Mono<FileInfo> file = this.files.describe(Limits.MIXED_FILE_NAME, fileDelay, response.bufferFactory());
		// Both publishers are lazy: zip subscribes to both now, zipWhen to the file's
		// once the item is there.
		Mono<Tuple2<Item, FileInfo>> both = atOnce ? Mono.zip(item, file) : item.zipWhen((read) -> file);
		return both.map((read) -> new MixedResponse(read.getT1(), read.getT2(), atOnce, trace.finish()));
	}

	@GetMapping("/cpu")
	CpuResponse cpu(@RequestParam(required = false) @Nullable String iterations, RequestTrace trace) {
		int rounds = Params.iterations(iterations);
		// Computed on the event loop, on purpose: that is the lesson. No thread waits
		// here, yet while the rounds run this loop serves none of its other connections;
		// an event loop only helps work that waits, and CPU-bound work never does.
		String sha256 = CpuWork.sha256Rounds(rounds);
		return new CpuResponse(rounds, sha256, trace.finish());
	}

	@GetMapping("/sleep")
	Mono<SleepResponse> sleep(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String offload, RequestTrace trace) throws InterruptedException {
		int delay = Params.delay("delayMs", delayMs);
		if (Params.flag("offload", offload)) {
			// boundedElastic is Reactor's pool for blocking work: the sleep parks one of
			// its threads and the event loop goes back to its connections.
			return Mono.fromCallable(() -> {
				Thread.sleep(delay);
				return new SleepResponse(delay, true, trace.finish());
			}).subscribeOn(Schedulers.boundedElastic());
		}
		// The lesson: a plain blocking call on the event loop. It parks this loop, and
		// with it every connection the loop serves, for the whole delay.
		Thread.sleep(delay);
		return Mono.just(new SleepResponse(delay, false, trace.finish()));
	}

}
