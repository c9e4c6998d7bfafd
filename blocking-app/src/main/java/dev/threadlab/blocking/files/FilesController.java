package dev.threadlab.blocking.files;

import java.io.IOException;
import java.io.OutputStream;

import dev.threadlab.shared.contract.FileList;
import dev.threadlab.shared.contract.FileResponse;
import dev.threadlab.shared.limits.Params;
import dev.threadlab.shared.trace.RequestTrace;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/files}: list, read, stream and upload the data folder's files, each
 * request's thread blocked on the disk while it reads or writes.
 */
@RestController
@RequestMapping("/api/files")
class FilesController {

	private final FileStore files;

	FilesController(FileStore files) {
		this.files = files;
	}

	@GetMapping
	FileList list() throws IOException {
		return new FileList(this.files.list());
	}

	@GetMapping("/{name}")
	FileResponse file(@PathVariable String name, @RequestParam(required = false) @Nullable String delayMs,
			RequestTrace trace) throws IOException, InterruptedException {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		return new FileResponse(this.files.describe(name, delay), trace.finish());
	}

	// No RequestTrace here, unlike reactive's: the body is written before this method
	// returns, on this thread, so TraceFilter's end finishes the trace at the last byte.
	@GetMapping("/{name}/content")
	void content(@PathVariable String name, @RequestParam(required = false) @Nullable String delayMs,
			HttpServletResponse response) throws IOException, InterruptedException {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		try (FileStore.OpenFile file = this.files.open(name)) {
			// This thread writes the body itself, chunk by chunk, as it reads: no async
			// dispatch, the thread is the request's until the last byte is sent.
			response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
			response.setContentLengthLong(file.size());
			OutputStream out = response.getOutputStream();
			this.files.content(file, delay, out);
			out.flush();
		}
	}

	@PutMapping("/{name}")
	ResponseEntity<FileResponse> upload(@PathVariable String name,
			@RequestParam(required = false) @Nullable String delayMs, RequestTrace trace, HttpServletRequest request)
			throws IOException, InterruptedException {
		Params.fileName(name);
		int delay = Params.delay("delayMs", delayMs);
		FileStore.Written written = this.files.write(name, delay, request.getContentLengthLong(),
				request.getInputStream());
		return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(new FileResponse(written.file(), trace.finish()));
	}

}
