package dev.threadlab.blocking.files;

import java.io.Closeable;
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
import java.util.List;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.contract.FileInfo;
import dev.threadlab.shared.files.DataFolder;
import dev.threadlab.shared.files.Sha256;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;

/**
 * Reads and writes the data folder's files with blocking I/O, in chunks of
 * {@link Limits#CHUNK_BYTES}, parking the calling thread for each chunk's share of a file
 * delay, the way a slow disk parks a reader. It decides "no such file", as reactive's
 * {@code FileStore} does. Public because {@code /api/mixed} reads a file too.
 */
public final class FileStore {

	private final DataFolder folder;

	FileStore(DataFolder folder) {
		this.folder = folder;
	}

	/**
	 * The files of the data folder, sorted by name.
	 * @return the files
	 * @throws IOException if the folder cannot be listed
	 */
	List<FileEntry> list() throws IOException {
		return this.folder.list();
	}

	/**
	 * Opens an existing file for reading: failing here, before anything is written, still
	 * lets the caller answer with a problem.
	 * @param name the name from the request
	 * @return the open file, for {@link #content}; the caller closes it
	 * @throws IOException if it cannot be opened
	 */
	OpenFile open(String name) throws IOException {
		Path path = this.folder.existing(name);
		FileChannel channel;
		try {
			channel = FileChannel.open(path, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			throw LabException.noSuchFile(name); // removed since existing() looked
		}
		try {
			return new OpenFile(name, channel, channel.size());
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * Sends an open file's bytes as they are read, each chunk after its share of the
	 * delay, so the whole file takes {@code delayMs} longer whatever its size.
	 * @param file the open file, from {@link #open}
	 * @param delayMs the delay for the whole file
	 * @param out where the bytes go
	 * @throws IOException if reading or writing fails
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	void content(OpenFile file, int delayMs, OutputStream out) throws IOException, InterruptedException {
		eachChunk(file, delayMs, (chunk, length) -> out.write(chunk, 0, length));
	}

	/**
	 * Reads a whole file for its size and SHA-256.
	 * @param name the name from the request
	 * @param delayMs the delay for the whole file
	 * @return the file's name, size and digest
	 * @throws IOException if the file cannot be read
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	public FileInfo describe(String name, int delayMs) throws IOException, InterruptedException {
		MessageDigest digest = Sha256.newDigest();
		long bytes;
		try (OpenFile file = open(name)) {
			bytes = eachChunk(file, delayMs, (chunk, length) -> digest.update(chunk, 0, length));
		}
		return new FileInfo(name, bytes, Sha256.hex(digest));
	}

	/**
	 * Streams an upload into a temporary file, then moves it into place in one step.
	 * Whatever goes wrong, the temporary file is removed, so a rejected upload changes
	 * nothing.
	 * @param name the name from the request
	 * @param delayMs the delay for the whole upload
	 * @param contentLength the declared length, or -1 if unknown
	 * @param body the request body
	 * @return the file written, and whether it is new
	 * @throws IOException if the body cannot be read or the file cannot be written
	 * @throws InterruptedException if the thread is interrupted while it waits
	 */
	Written write(String name, int delayMs, long contentLength, InputStream body)
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
			Pace pace = new Pace();
			try (OutputStream out = Files.newOutputStream(temp)) {
				int read;
				while ((read = body.readNBytes(chunk, 0, chunk.length)) > 0) {
					bytes += read;
					if (bytes > Limits.MAX_UPLOAD_BYTES) {
						throw LabException.uploadTooLarge();
					}
					if (contentLength > 0) {
						pace.owe(Limits.delayShareNanos(delayMs, read, contentLength));
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
			return new Written(new FileInfo(name, bytes, Sha256.hex(digest)), created);
		}
		catch (Throwable ex) {
			this.folder.discard(temp);
			throw ex;
		}
	}

	private static long eachChunk(OpenFile file, int delayMs, ChunkConsumer consumer)
			throws IOException, InterruptedException {
		// The size when opened: a file replaced meanwhile is moved in under a new inode,
		// so this channel keeps reading the old one to its end.
		FileChannel channel = file.channel();
		long size = file.size();
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Limits.CHUNK_BYTES, Math.max(size, 1)));
		long position = 0;
		Pace pace = new Pace();
		while (position < size) {
			int length = (int) Math.min(buffer.capacity(), size - position);
			pace.owe(Limits.delayShareNanos(delayMs, length, size));
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

	/**
	 * Parks the thread for each chunk's share of a delay, so that the shares add up to
	 * the delay. A sleep of a few milliseconds overshoots (rounding, timer slack, a busy
	 * machine), and over a large file's 256 chunks the overshoots would add up to as much
	 * again as the delay; so each chunk sleeps what is still owed, less what the earlier
	 * sleeps overslept.
	 */
	private static final class Pace {

		private long owedNanos;

		private long sleptNanos;

		void owe(long nanos) throws InterruptedException {
			this.owedNanos += nanos;
			long wait = this.owedNanos - this.sleptNanos;
			if (wait <= 0) {
				return;
			}
			long start = System.nanoTime();
			Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			this.sleptNanos += System.nanoTime() - start;
		}

	}

	/**
	 * A file open for reading.
	 *
	 * @param name its name
	 * @param channel the channel to read it through
	 * @param size its size when it was opened
	 */
	record OpenFile(String name, FileChannel channel, long size) implements Closeable {

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

	/**
	 * A file an upload wrote.
	 *
	 * @param file its name, size and digest
	 * @param created whether it is new rather than a replacement
	 */
	record Written(FileInfo file, boolean created) {
	}

	@FunctionalInterface
	private interface ChunkConsumer {

		void accept(byte[] bytes, int length) throws IOException;

	}

}
