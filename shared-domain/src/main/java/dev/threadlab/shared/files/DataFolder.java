package dev.threadlab.shared.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import dev.threadlab.shared.contract.FileEntry;
import dev.threadlab.shared.limits.LabException;
import dev.threadlab.shared.limits.Limits;
import dev.threadlab.shared.limits.Params;

import org.jspecify.annotations.Nullable;

/**
 * The folder the file endpoints serve. Names are checked before any path is built, and
 * every path is checked again to stay inside the folder and not to be a link. Uploads go
 * to a temporary file, named with a character no valid name has, then move into place in
 * one step.
 */
public final class DataFolder {

	/** The sample files every data folder starts with, and their sizes. */
	public static final List<FileEntry> SAMPLES = List.of(new FileEntry("sample-4k.txt", 4096),
			new FileEntry("sample-1m.bin", 1024 * 1024), new FileEntry("sample-16m.bin", 16 * 1024 * 1024));

	private static final Pattern FILE_NAME = Pattern.compile(Limits.FILE_NAME_PATTERN);

	private final Path dir;

	/** Guards {@link #commit}: whether a name is new is decided with its move. */
	private final Object commits = new Object();

	/**
	 * A data folder at a path; nothing is touched until {@link #prepare()}.
	 * @param dir the folder
	 */
	public DataFolder(Path dir) {
		this.dir = dir.toAbsolutePath().normalize();
	}

	/**
	 * The folder.
	 * @return its absolute path
	 */
	public Path dir() {
		return this.dir;
	}

	/**
	 * Creates the folder and whichever sample files are missing, and removes uploads a
	 * previous run left unfinished.
	 * @throws IOException if the folder cannot be written
	 */
	public void prepare() throws IOException {
		Files.createDirectories(this.dir);
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.dir, "~upload-*")) {
			for (Path leftover : leftovers) {
				Files.deleteIfExists(leftover);
			}
		}
		for (FileEntry sample : SAMPLES) {
			Path target = this.dir.resolve(sample.name());
			if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
				Path temp = newTempFile();
				try (OutputStream out = Files.newOutputStream(temp)) {
					writeSample(sample, out);
				}
				commit(temp, target);
			}
		}
	}

	/**
	 * The path for a file name, whether or not the file exists.
	 * @param name the name from the request
	 * @return a path directly inside the folder
	 */
	public Path resolve(String name) {
		Path path = this.dir.resolve(Params.fileName(name)).normalize();
		if (!this.dir.equals(path.getParent())) {
			// Unreachable with a valid name; kept so that no later change to the name
			// rule
			// can open a way out of the folder.
			throw LabException.noSuchFile(name);
		}
		return path;
	}

	/**
	 * The path of an existing regular file; a link, a folder or a missing file is not
	 * one.
	 * @param name the name from the request
	 * @return the file's path
	 */
	public Path existing(String name) {
		Path path = resolve(name);
		if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
			throw LabException.noSuchFile(name);
		}
		return path;
	}

	/**
	 * The regular files of the folder with valid names, sorted by name.
	 * @return the files
	 * @throws IOException if the folder cannot be read
	 */
	public List<FileEntry> list() throws IOException {
		List<FileEntry> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.dir)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				BasicFileAttributes attributes = readAttributes(entry);
				if (attributes != null && attributes.isRegularFile() && FILE_NAME.matcher(name).matches()) {
					files.add(new FileEntry(name, attributes.size()));
				}
			}
		}
		files.sort(Comparator.comparing(FileEntry::name));
		return files;
	}

	/**
	 * A new, empty temporary file in the folder for an upload. Its name holds {@code ~},
	 * which no valid file name has, so no request can read or overwrite it.
	 * @return the temporary file
	 * @throws IOException if it cannot be created
	 */
	public Path newTempFile() throws IOException {
		String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
		return Files.createFile(this.dir.resolve("~upload-" + suffix + ".part"));
	}

	/**
	 * Moves a finished upload into place in one step, replacing any file of that name.
	 * @param temp the temporary file
	 * @param target the file's path, from {@link #resolve(String)}
	 * @return {@code true} if the file is new, {@code false} if it replaced one
	 * @throws IOException if the move fails; the temporary file is then deleted
	 */
	public boolean commit(Path temp, Path target) throws IOException {
		boolean existed;
		try {
			// The check and the move are one step for concurrent uploads of one name, or
			// two of them both see no file and both answer 201. A rename is short.
			synchronized (this.commits) {
				existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
				try {
					Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		finally {
			Files.deleteIfExists(temp);
		}
		return !existed;
	}

	/**
	 * Deletes a temporary file if it is still there, for uploads that fail.
	 * @param temp the temporary file
	 */
	public void discard(@Nullable Path temp) {
		if (temp != null) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (IOException ex) {
				// Nothing else to do: prepare() removes it at the next start.
			}
		}
	}

	private static @Nullable BasicFileAttributes readAttributes(Path entry) {
		try {
			return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (IOException ex) {
			return null; // removed while listing
		}
	}

	/**
	 * Writes a sample's bytes: numbered lines of text for the {@code .txt}, pseudo-random
	 * bytes from a fixed seed for the others, so every machine gets the same digests.
	 * @param sample one of {@link #SAMPLES}
	 * @param out where to write
	 * @throws IOException if writing fails
	 */
	public static void writeSample(FileEntry sample, OutputStream out) throws IOException {
		if (sample.name().endsWith(".txt")) {
			StringBuilder text = new StringBuilder((int) sample.bytes());
			for (int line = 1; text.length() < sample.bytes(); line++) {
				text.append(String.format("threadlab sample line %04d: the quick brown fox waits for I/O\n", line));
			}
			out.write(text.substring(0, (int) sample.bytes()).getBytes(StandardCharsets.US_ASCII));
			return;
		}
		SplittableRandom random = new SplittableRandom(sample.bytes());
		byte[] chunk = new byte[Limits.CHUNK_BYTES];
		for (long written = 0; written < sample.bytes(); written += chunk.length) {
			random.nextBytes(chunk);
			out.write(chunk, 0, (int) Math.min(chunk.length, sample.bytes() - written));
		}
	}

}
