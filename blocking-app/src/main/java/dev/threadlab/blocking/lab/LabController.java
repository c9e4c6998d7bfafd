package dev.threadlab.blocking.lab;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import dev.threadlab.blocking.files.FileStore;
import dev.threadlab.blocking.items.ItemRepository;
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

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lab's experiments: a database read beside a file read, CPU work, and a plain sleep.
 */
@RestController
@RequestMapping("/api")
class LabController {

	private final ItemRepository items;

	private final FileStore files;

	private final AsyncTaskExecutor taskExecutor;

	LabController(ItemRepository items, FileStore files,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor taskExecutor) {
		this.items = items;
		this.files = files;
		this.taskExecutor = taskExecutor;
	}

	@GetMapping("/mixed")
	MixedResponse mixed(@RequestParam(required = false) @Nullable String dbDelayMs,
			@RequestParam(required = false) @Nullable String fileDelayMs,
			@RequestParam(required = false) @Nullable String parallel,
			@RequestParam(required = false) @Nullable String holdConnection, RequestTrace trace)
			throws IOException, InterruptedException {
		int dbDelay = Params.delay("dbDelayMs", dbDelayMs);
		int fileDelay = Params.delay("fileDelayMs", fileDelayMs);
		boolean atOnce = Params.flag("parallel", parallel);
		boolean hold = Params.holdConnection(holdConnection);
		if (!atOnce) {
			Item item = this.items.find(Limits.MIXED_ITEM_ID, dbDelay, hold);
			FileInfo file = this.files.describe(Limits.MIXED_FILE_NAME, fileDelay);
			return new MixedResponse(item, file, false, trace.finish());
		}
		// Thread-per-request does two waits at once only by borrowing a second thread:
		// the file read goes to a task-N thread while this one reads the item.
		Future<FileInfo> file = this.taskExecutor.submit(() -> this.files.describe(Limits.MIXED_FILE_NAME, fileDelay));
		try {
			Item item = this.items.find(Limits.MIXED_ITEM_ID, dbDelay, hold);
			return new MixedResponse(item, result(file), true, trace.finish());
		}
		finally {
			file.cancel(true);
		}
	}

	@GetMapping("/cpu")
	CpuResponse cpu(@RequestParam(required = false) @Nullable String iterations, RequestTrace trace) {
		int rounds = Params.iterations(iterations);
		return new CpuResponse(rounds, CpuWork.sha256Rounds(rounds), trace.finish());
	}

	@GetMapping("/sleep")
	SleepResponse sleep(@RequestParam(required = false) @Nullable String delayMs,
			@RequestParam(required = false) @Nullable String offload, RequestTrace trace)
			throws IOException, InterruptedException {
		int delay = Params.delay("delayMs", delayMs);
		boolean offloaded = Params.flag("offload", offload);
		if (offloaded) {
			// Moves the sleep to a task-N thread, yet this thread still waits for it:
			// offloading frees nothing when the request owns its thread anyway.
			result(this.taskExecutor.submit(() -> {
				Thread.sleep(delay);
				return delay;
			}));
		}
		else {
			Thread.sleep(delay);
		}
		return new SleepResponse(delay, offloaded, trace.finish());
	}

	private static <T> T result(Future<T> future) throws IOException, InterruptedException {
		try {
			return future.get();
		}
		catch (ExecutionException ex) {
			// Rethrow what the task threw, so that it gets the same answer as on this
			// thread.
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Task failed", cause);
		}
	}

}
