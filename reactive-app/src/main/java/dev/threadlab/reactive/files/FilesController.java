package dev.threadlab.reactive.files;

import dev.threadlab.shared.contract.FileList;
import dev.threadlab.shared.contract.FileResponse;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.RequestTrace;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists, reads, streams and writes the data folder's files. Chunks are allocated from the
 * response's buffer factory, so streamed ones go to Netty without a copy.
 */
@RestController
@RequestMapping("/api/files")
class FilesController {

	private final FileStore files;

	FilesController(FileStore files) {
		this.files = files;
	}

	@GetMapping
	Mono<FileList> list() {
		return this.files.list().map(FileList::new);
	}

	@GetMapping("/{name}")
	Mono<FileResponse> file(@PathVariable String name, @RequestParam(required = false) @Nullable String delayMs,
			RequestTrace trace, ServerHttpResponse response) {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		return this.files.describe(name, delay, response.bufferFactory())
			.map((file) -> new FileResponse(file, trace.finish()));
	}

	@GetMapping("/{name}/content")
	Mono<ResponseEntity<Flux<DataBuffer>>> content(@PathVariable String name,
			@RequestParam(required = false) @Nullable String delayMs, RequestTrace trace, ServerHttpResponse response) {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		return this.files.open(name)
			.map((file) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.contentLength(file.size())
				.body(this.files.content(file, delay, response.bufferFactory()).doOnComplete(trace::finish)));
	}

	@PutMapping("/{name}")
	Mono<ResponseEntity<FileResponse>> upload(@PathVariable String name,
			@RequestParam(required = false) @Nullable String delayMs, RequestTrace trace, ServerHttpRequest request) {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		// The raw body, whatever its content type: no codec reads it into memory.
		return this.files.write(name, delay, request.getHeaders().getContentLength(), request.getBody())
			.map((written) -> ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(new FileResponse(written.file(), trace.finish())));
	}

}
