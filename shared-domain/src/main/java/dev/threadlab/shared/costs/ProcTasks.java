package dev.threadlab.shared.costs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.threadlab.shared.threads.ThreadPool;

import org.jspecify.annotations.Nullable;

/**
 * Context switches by pool from {@code /proc/self/task/<tid>/status}, kept cumulative:
 * each task's last reading is remembered, and when a task ends (or its tid is reused, or
 * it is renamed into another pool) what it had counted is folded into a retired sum of
 * its pool, so no pool's count ever falls. A thread that starts and ends between two
 * reads is never seen, so its switches are missed: the counts are a floor.
 * <p>
 * The kernel knows a task by its {@code comm}, the thread's name cut to 15 characters
 * ({@code http-nio-8081-e}); there is no public way from a Java thread to its tid. So the
 * pool of a task comes from the JVM's live threads: each Java thread's name is cut the
 * same way and mapped to the pool its full name sorts into. A cut name shared by threads
 * of two pools, or the name of a JVM-internal thread that Java does not list (GC,
 * compiler), falls back to sorting the cut name itself.
 */
final class ProcTasks {

	/** Linux's {@code TASK_COMM_LEN} less the terminating zero. */
	static final int COMM_LENGTH = 15;

	private static final byte[] NAME = "Name:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] VOLUNTARY = "voluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] INVOLUNTARY = "nonvoluntary_ctxt_switches:".getBytes(StandardCharsets.US_ASCII);

	private final File taskDir;

	/** Reused for every task's status: reads are serialised by the sampler. */
	private byte[] buffer = new byte[4096];

	private final Map<String, Task> tasks = new HashMap<>();

	private final Map<ThreadPool, long[]> retired = new EnumMap<>(ThreadPool.class);

	ProcTasks(Path procRoot) {
		this.taskDir = procRoot.resolve("self").resolve("task").toFile();
		for (ThreadPool pool : ThreadPool.values()) {
			this.retired.put(pool, new long[2]);
		}
	}

	/**
	 * Reads every task now.
	 * @param poolOfCutName the pool of a cut name, {@code null} where the live Java
	 * threads do not tell
	 * @return voluntary and involuntary switches by pool, retired tasks included, or
	 * {@code null} when there is no {@code /proc/self/task} to read
	 */
	@Nullable Map<ThreadPool, long[]> read(Function<String, @Nullable ThreadPool> poolOfCutName) {
		// File.list and FileInputStream with one reused buffer, not Files.readString: a
		// read opens one file per task, and with 2,000 threads the NIO path's extra
		// objects and calls cost several times the kernel's own work.
		String[] tids = this.taskDir.list();
		if (tids == null) {
			return null;
		}
		Set<String> seen = new HashSet<>(tids.length * 2);
		for (String tid : tids) {
			Status status = status(new File(this.taskDir, tid + "/status"));
			if (status == null) {
				continue; // ended between the listing and the read
			}
			seen.add(tid);
			ThreadPool named = poolOfCutName.apply(status.name());
			ThreadPool pool = (named != null) ? named : ThreadPool.classify(status.name());
			update(tid, pool, status);
		}
		for (Iterator<Map.Entry<String, Task>> entries = this.tasks.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Task> entry = entries.next();
			if (!seen.contains(entry.getKey())) {
				retire(entry.getValue());
				entries.remove();
			}
		}
		Map<ThreadPool, long[]> byPool = new EnumMap<>(ThreadPool.class);
		this.retired.forEach((pool, counts) -> byPool.put(pool, counts.clone()));
		for (Task task : this.tasks.values()) {
			long[] counts = byPool.get(task.pool);
			counts[0] += task.voluntary - task.baseVoluntary;
			counts[1] += task.involuntary - task.baseInvoluntary;
		}
		return byPool;
	}

	private void update(String tid, ThreadPool pool, Status status) {
		Task task = this.tasks.get(tid);
		if (task == null) {
			this.tasks.put(tid, new Task(pool, status));
			return;
		}
		if (status.voluntary() < task.voluntary || status.involuntary() < task.involuntary) {
			// A tid reused by a new thread: the old one's count is kept, the new one
			// counts from zero.
			retire(task);
			task.baseVoluntary = 0;
			task.baseInvoluntary = 0;
		}
		else if (task.pool != pool) {
			// Renamed into another pool: what it did before stays with the old pool.
			retire(task);
			task.baseVoluntary = task.voluntary;
			task.baseInvoluntary = task.involuntary;
		}
		task.pool = pool;
		task.voluntary = status.voluntary();
		task.involuntary = status.involuntary();
	}

	private void retire(Task task) {
		long[] counts = this.retired.get(task.pool);
		counts[0] += task.voluntary - task.baseVoluntary;
		counts[1] += task.involuntary - task.baseInvoluntary;
	}

	/**
	 * Reads the three lines of a task's status that matter here.
	 * @return the status, or {@code null} when the task has ended or its status is not
	 * readable
	 */
	@Nullable Status status(File file) {
		int length = 0;
		try (FileInputStream in = new FileInputStream(file)) {
			int read;
			while ((read = in.read(this.buffer, length, this.buffer.length - length)) > 0) {
				length += read;
				if (length == this.buffer.length) {
					this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
				}
			}
		}
		catch (IOException ex) {
			return null; // gone (ENOENT, or ESRCH for a task that ended while opened)
		}
		String name = "";
		long voluntary = -1;
		long involuntary = -1;
		int start = 0;
		while (start < length) {
			int end = start;
			while (end < length && this.buffer[end] != '\n') {
				end++;
			}
			if (startsWith(start, end, NAME)) {
				name = new String(this.buffer, start + NAME.length, end - start - NAME.length, StandardCharsets.UTF_8)
					.strip();
			}
			else if (startsWith(start, end, VOLUNTARY)) {
				voluntary = number(start + VOLUNTARY.length, end);
			}
			else if (startsWith(start, end, INVOLUNTARY)) {
				involuntary = number(start + INVOLUNTARY.length, end);
			}
			start = end + 1;
		}
		return (voluntary >= 0 && involuntary >= 0) ? new Status(name, voluntary, involuntary) : null;
	}

	private boolean startsWith(int start, int end, byte[] prefix) {
		if (end - start < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (this.buffer[start + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private long number(int start, int end) {
		long value = -1;
		for (int i = start; i < end; i++) {
			byte b = this.buffer[i];
			if (b >= '0' && b <= '9') {
				value = ((value < 0) ? 0 : value * 10) + (b - '0');
			}
		}
		return value;
	}

	/**
	 * The name a thread has in {@code /proc}: cut to 15 characters.
	 * @param threadName the Java thread's name
	 * @return the cut name
	 */
	static String cut(String threadName) {
		return (threadName.length() <= COMM_LENGTH) ? threadName : threadName.substring(0, COMM_LENGTH);
	}

	record Status(String name, long voluntary, long involuntary) {
	}

	private static final class Task {

		private ThreadPool pool;

		private long voluntary;

		private long involuntary;

		private long baseVoluntary;

		private long baseInvoluntary;

		Task(ThreadPool pool, Status status) {
			this.pool = pool;
			this.voluntary = status.voluntary();
			this.involuntary = status.involuntary();
		}

	}

}
