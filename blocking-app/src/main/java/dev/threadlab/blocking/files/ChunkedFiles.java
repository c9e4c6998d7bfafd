package dev.threadlab.blocking.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.files.Sha256;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;

/**
 * Reads and writes the data folder's files with blocking I/O, in chunks of
 * {@link Limits#CHUNK_BYTES}, parking the calling thread for each chunk's share of a file
 * delay, the way a slow disk parks a reader. Public because {@code /api/mixed} reads a
 * file too.
 */
public final class ChunkedFiles {

	private final DataFolder folder;

	ChunkedFiles(DataFolder folder) {
		this.folder = folder;
	}

	/**
	 * Reads a whole file and digests it.
	 * @param name the file's name, as the request gave it
	 * @param delayMs how much longer the whole read takes
	 * @return the file's size and SHA-256
	 * @throws IOException if the file cannot be read
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	public FileInfo read(String name, int delayMs) throws IOException, InterruptedException {
		MessageDigest digest = Sha256.newDigest();
		long bytes;
		try (FileChannel channel = open(name)) {
			bytes = eachChunk(channel, delayMs, (chunk, length) -> digest.update(chunk, 0, length));
		}
		return new FileInfo(name, bytes, Sha256.hex(digest));
	}

	/**
	 * Opens a file for {@link #send}: failing here, before anything is written, still
	 * lets the caller answer with a problem.
	 * @param name the file's name
	 * @return the open file
	 * @throws IOException if it cannot be opened
	 */
	FileChannel open(String name) throws IOException {
		Path path = this.folder.existing(name);
		try {
			return FileChannel.open(path, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			throw LabException.noSuchFile(name); // removed since existing() looked
		}
	}

	/**
	 * Sends an open file's bytes as they are read.
	 * @param channel the file, from {@link #open}
	 * @param delayMs how much longer the whole read takes
	 * @param out where the bytes go
	 * @throws IOException if reading or writing fails
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	void send(FileChannel channel, int delayMs, OutputStream out) throws IOException, InterruptedException {
		eachChunk(channel, delayMs, (chunk, length) -> out.write(chunk, 0, length));
	}

	/**
	 * Streams an upload into a temporary file, then moves it into place in one step.
	 * Whatever goes wrong, the temporary file is removed, so a rejected upload changes
	 * nothing.
	 * @param name the file's name, as the request gave it
	 * @param delayMs how much longer the whole write takes
	 * @param contentLength the body's declared size, or {@code -1} when not declared
	 * @param body the request body
	 * @return what was written, and whether the file is new
	 * @throws IOException if the body cannot be read or the file cannot be written
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	Upload write(String name, int delayMs, long contentLength, InputStream body)
			throws IOException, InterruptedException {
		Path target = this.folder.resolve(name);
		if (contentLength > Limits.MAX_UPLOAD_BYTES) {
			throw LabException.uploadTooLarge();
		}
		if (contentLength == 0) {
			throw LabException.emptyUpload();
		}
		Path temp = this.folder.newTempFile();
		try {
			MessageDigest digest = Sha256.newDigest();
			byte[] chunk = new byte[Limits.CHUNK_BYTES];
			long bytes = 0;
			try (OutputStream out = Files.newOutputStream(temp)) {
				int read;
				while ((read = body.readNBytes(chunk, 0, chunk.length)) > 0) {
					bytes += read;
					if (bytes > Limits.MAX_UPLOAD_BYTES) {
						throw LabException.uploadTooLarge();
					}
					if (contentLength > 0) {
						park(Limits.delayShareNanos(delayMs, read, contentLength));
					}
					digest.update(chunk, 0, read);
					out.write(chunk, 0, read);
				}
			}
			if (bytes == 0) {
				throw LabException.emptyUpload();
			}
			if (contentLength < 0) {
				// The size was not known, so the chunks' shares were not either.
				Thread.sleep(delayMs);
			}
			boolean created = this.folder.commit(temp, target);
			return new Upload(new FileInfo(name, bytes, Sha256.hex(digest)), created);
		}
		catch (Throwable ex) {
			this.folder.discard(temp);
			throw ex;
		}
	}

	private static long eachChunk(FileChannel channel, int delayMs, ChunkConsumer consumer)
			throws IOException, InterruptedException {
		// The size when opened: a file replaced meanwhile is moved in under a new inode,
		// so this channel keeps reading the old one to its end.
		long size = channel.size();
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Limits.CHUNK_BYTES, Math.max(size, 1)));
		long position = 0;
		while (position < size) {
			int length = (int) Math.min(buffer.capacity(), size - position);
			park(Limits.delayShareNanos(delayMs, length, size));
			buffer.clear().limit(length);
			while (buffer.hasRemaining()) {
				if (channel.read(buffer) < 0) {
					throw new IOException("File ended at " + (position + buffer.position()) + " of " + size);
				}
			}
			consumer.accept(buffer.array(), length);
			position += length;
		}
		return position;
	}

	private static void park(long nanos) throws InterruptedException {
		if (nanos > 0) {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
	}

	/**
	 * A finished upload.
	 *
	 * @param file the file as written
	 * @param created whether it is new rather than a replacement
	 */
	record Upload(FileInfo file, boolean created) {
	}

	@FunctionalInterface
	private interface ChunkConsumer {

		void accept(byte[] bytes, int length) throws IOException;

	}

}
