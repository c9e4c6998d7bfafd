package dev.threadlab.reactive.files;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.files.Sha256;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * Reads and writes the data folder's files without blocking an event loop: bytes move
 * through asynchronous file channels, whose blocking reads and writes run on the
 * {@code file-io-N} threads; the few file system calls that have no asynchronous form
 * (stat, open, create, move, delete, list) run on Reactor's {@code boundedElastic}
 * scheduler. It decides "no such file", as blocking's {@code FileStore} does. Public
 * because {@code /api/mixed} reads a file through it too.
 */
public final class FileStore {

	private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);

	private static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.WRITE);

	private final DataFolder folder;

	private final ExecutorService fileIo;

	FileStore(DataFolder folder, ExecutorService fileIo) {
		this.folder = folder;
		this.fileIo = fileIo;
	}

	/**
	 * The files of the data folder, sorted by name.
	 * @return the files
	 */
	Mono<List<FileEntry>> list() {
		// Listing a folder is blocking and has no asynchronous form.
		return Mono.fromCallable(this.folder::list).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Opens an existing file for reading.
	 * @param name the name from the request
	 * @return the open file; its channel closes when {@link #content} completes
	 */
	Mono<OpenFile> open(String name) {
		this.folder.resolve(name); // a bad name fails here, before any hop
		return Mono.fromCallable(() -> {
			// Checking and opening a file are blocking and have no asynchronous form.
			Path path = this.folder.existing(name);
			AsynchronousFileChannel channel;
			try {
				channel = AsynchronousFileChannel.open(path, READ, this.fileIo);
			}
			catch (NoSuchFileException ex) {
				throw LabException.noSuchFile(name); // removed since the check
			}
			try {
				return new OpenFile(name, channel, channel.size());
			}
			catch (IOException | RuntimeException ex) {
				closeQuietly(channel);
				throw ex;
			}
		}).subscribeOn(Schedulers.boundedElastic()).doOnDiscard(OpenFile.class, (file) -> closeQuietly(file.channel()));
	}

	/**
	 * A file's bytes in chunks of {@link Limits#CHUNK_BYTES}, each held back on a timer
	 * for its share of the delay, so the whole file takes {@code delayMs} longer whatever
	 * its size. The next chunk is read only once the previous one has waited, and the
	 * channel closes when the last one is read or the reader cancels.
	 * @param file the open file
	 * @param delayMs the delay for the whole file
	 * @param buffers where the chunks are allocated
	 * @return the chunks, to be released by the subscriber
	 */
	Flux<DataBuffer> content(OpenFile file, int delayMs, DataBufferFactory buffers) {
		Flux<DataBuffer> chunks = DataBufferUtils.readAsynchronousFileChannel(file::channel, buffers,
				Limits.CHUNK_BYTES);
		if (delayMs == 0) {
			return chunks;
		}
		if (file.size() == 0) {
			return Mono.delay(Duration.ofMillis(delayMs)).thenMany(chunks);
		}
		return Flux.defer(() -> {
			Pace pace = new Pace();
			return chunks.concatMap((chunk) -> pace.hold(chunk,
					Limits.delayShareNanos(delayMs, chunk.readableByteCount(), file.size())), 0);
		})
			// A chunk dropped while it waits (the reader cancelled) is released here.
			.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	/**
	 * Reads a whole file for its size and SHA-256.
	 * @param name the name from the request
	 * @param delayMs the delay for the whole file
	 * @param buffers where the chunks are allocated
	 * @return the file's name, size and digest
	 */
	public Mono<FileInfo> describe(String name, int delayMs, DataBufferFactory buffers) {
		return open(name).flatMap((file) -> content(file, delayMs, buffers).reduceWith(Hashing::new, Hashing::consume))
			.map((hashing) -> hashing.info(name));
	}

	/**
	 * Writes an upload to a temporary file as it arrives, counting its bytes and hashing
	 * them, then moves it into place in one step. Whatever fails, the temporary file is
	 * deleted, so a rejected upload changes nothing.
	 * @param name the name from the request
	 * @param delayMs the delay for the whole upload
	 * @param contentLength the declared length, or -1 if unknown
	 * @param body the request body
	 * @return the file written, and whether it is new
	 */
	Mono<Written> write(String name, int delayMs, long contentLength, Flux<DataBuffer> body) {
		Path target = this.folder.resolve(name);
		if (contentLength > Limits.MAX_UPLOAD_BYTES) {
			return Mono.error(LabException.uploadTooLarge());
		}
		if (contentLength == 0) {
			return Mono.error(LabException.emptyUpload());
		}
		return Mono.usingWhen(openTemp(),
				(upload) -> receive(upload, body, contentLength, delayMs)
					.flatMap((hashing) -> commit(upload, target, hashing.info(name))),
				(upload) -> Mono.empty(), (upload, error) -> discard(upload), this::discard);
	}

	private Mono<Upload> openTemp() {
		return Mono.fromCallable(() -> {
			// Creating and opening a file are blocking and have no asynchronous form.
			Path temp = this.folder.newTempFile();
			try {
				return new Upload(temp, AsynchronousFileChannel.open(temp, WRITE, this.fileIo));
			}
			catch (IOException | RuntimeException ex) {
				this.folder.discard(temp);
				throw ex;
			}
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Hashing> receive(Upload upload, Flux<DataBuffer> body, long contentLength, int delayMs) {
		return Mono.defer(() -> {
			Hashing hashing = new Hashing();
			Flux<DataBuffer> counted = body.handle((chunk, sink) -> {
				if (hashing.bytes() + chunk.readableByteCount() > Limits.MAX_UPLOAD_BYTES) {
					DataBufferUtils.release(chunk);
					sink.error(LabException.uploadTooLarge());
					return;
				}
				hashing.update(chunk);
				sink.next(chunk);
			});
			boolean lengthKnown = contentLength > 0;
			if (delayMs > 0 && lengthKnown) {
				Pace pace = new Pace();
				counted = counted.concatMap((chunk) -> pace.hold(chunk,
						Limits.delayShareNanos(delayMs, chunk.readableByteCount(), contentLength)), 0);
			}
			// The channel writes one chunk at a time and asks for the next when it is
			// done, so a slow disk slows the upload down instead of filling memory.
			// Written chunks come back to be released, and become booleans first: then()
			// discards what it ignores, and the discard hook would release them twice.
			Mono<Void> written = DataBufferUtils.write(counted, upload.channel()).map(DataBufferUtils::release).then();
			// No length, no share to compute: the whole delay, once, at the end.
			Mono<Void> wait = (delayMs > 0 && !lengthKnown) ? Mono.delay(Duration.ofMillis(delayMs)).then()
					: Mono.empty();
			return written.then(wait).then(Mono.fromCallable(() -> {
				if (hashing.bytes() == 0) {
					throw LabException.emptyUpload();
				}
				return hashing;
			}));
		}).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
	}

	private Mono<Written> commit(Upload upload, Path target, FileInfo file) {
		return Mono.fromCallable(() -> {
			// Closing the channel and moving the file are blocking and have no
			// asynchronous form.
			upload.channel().close();
			return new Written(file, this.folder.commit(upload.temp(), target));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Void> discard(Upload upload) {
		return Mono.<Void>fromRunnable(() -> {
			// Closing the channel and deleting the file are blocking and have no
			// asynchronous form.
			closeQuietly(upload.channel());
			this.folder.discard(upload.temp());
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static void closeQuietly(AsynchronousFileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing was written through it that could be lost.
		}
	}

	/**
	 * Holds each chunk back for its share of a delay, so that the shares add up to the
	 * delay. A timer of a few milliseconds fires late (scheduling, a busy machine), and
	 * over a large file's 256 chunks the lateness would add up to as much again as the
	 * delay; so each chunk waits what is still owed, less what the earlier waits overran,
	 * as blocking's {@code FileStore} paces its sleeps. One per subscription; concatMap
	 * hands it one chunk at a time, with a happens-before edge between them.
	 */
	private static final class Pace {

		private long owedNanos;

		private long waitedNanos;

		Mono<DataBuffer> hold(DataBuffer chunk, long shareNanos) {
			this.owedNanos += shareNanos;
			long wait = this.owedNanos - this.waitedNanos;
			if (wait <= 0) {
				return Mono.just(chunk);
			}
			// The clock of the timers' own scheduler, so that virtual time in tests moves
			// it.
			Scheduler timers = Schedulers.parallel();
			long start = timers.now(TimeUnit.NANOSECONDS);
			return Mono.just(chunk)
				.delayElement(Duration.ofNanos(wait), timers)
				.doOnNext((held) -> this.waitedNanos += timers.now(TimeUnit.NANOSECONDS) - start);
		}

	}

	/**
	 * A file open for reading.
	 *
	 * @param name its name
	 * @param channel the channel to read it through
	 * @param size its size when it was opened
	 */
	record OpenFile(String name, AsynchronousFileChannel channel, long size) {
	}

	/**
	 * A file an upload wrote.
	 *
	 * @param file its name, size and digest
	 * @param created whether it is new rather than a replacement
	 */
	record Written(FileInfo file, boolean created) {
	}

	private record Upload(Path temp, AsynchronousFileChannel channel) {
	}

	/**
	 * The running count and SHA-256 of the bytes seen so far. Reactive Streams hand
	 * signals over one at a time, with a happens-before edge between them, so it needs no
	 * lock even as the threads that call it change.
	 */
	private static final class Hashing {

		private final MessageDigest digest = Sha256.newDigest();

		private long bytes;

		long bytes() {
			return this.bytes;
		}

		void update(DataBuffer chunk) {
			this.bytes += chunk.readableByteCount();
			try (DataBuffer.ByteBufferIterator buffers = chunk.readableByteBuffers()) {
				while (buffers.hasNext()) {
					this.digest.update(buffers.next());
				}
			}
		}

		Hashing consume(DataBuffer chunk) {
			try {
				update(chunk);
			}
			finally {
				DataBufferUtils.release(chunk);
			}
			return this;
		}

		FileInfo info(String name) {
			return new FileInfo(name, this.bytes, Sha256.hex(this.digest));
		}

	}

}
