package dev.threadlab.shared.costs;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.jspecify.annotations.Nullable;

/**
 * The platform threads' committed stacks, from Native Memory Tracking's summary (the
 * {@code VM.native_memory summary} diagnostic command, through its MBean). One call costs
 * about 0.1 ms on an idle JVM and more with thousands of threads, so a reading is kept
 * for {@link #REFRESH_NANOS}: a dashboard polling every second still sees every change,
 * and a burst of reads costs one call.
 */
public final class NativeMemory {

	static final long REFRESH_NANOS = 500_000_000L;

	/**
	 * The thread stacks line inside the {@code Thread} category. JDK 17:
	 * {@code (stack: reserved=19456KB, committed=760KB)}; JDK 25 adds
	 * {@code , peak=720KB}.
	 */
	private static final Pattern STACK = Pattern
		.compile("\\(stack: reserved=\\d+\\s*[KMG]?B, committed=(\\d+)\\s*([KMG]?B)", Pattern.CASE_INSENSITIVE);

	private final Summary summary;

	private long readAtNanos;

	private boolean read;

	private @Nullable Long cached;

	private @Nullable String note;

	NativeMemory(Summary summary) {
		this.summary = summary;
	}

	/**
	 * This JVM's Native Memory Tracking.
	 * @return the reader
	 */
	public static NativeMemory platform() {
		return new NativeMemory(NativeMemory::vmNativeMemorySummary);
	}

	/**
	 * The committed stacks of the platform threads, read at most every 500 ms.
	 * @param notes where to say why the answer is {@code null}
	 * @return the bytes, or {@code null} when Native Memory Tracking is off or says
	 * nothing readable
	 */
	synchronized @Nullable Long stacksCommittedBytes(List<String> notes) {
		long now = System.nanoTime();
		if (!this.read || now - this.readAtNanos >= REFRESH_NANOS) {
			refresh();
			this.readAtNanos = now;
			this.read = true;
		}
		if (this.note != null) {
			notes.add(this.note);
		}
		return this.cached;
	}

	private void refresh() {
		this.cached = null;
		this.note = null;
		String text;
		try {
			text = this.summary.read();
		}
		catch (JMException | RuntimeException ex) {
			this.note = "threadStacksCommittedBytes: the VM.native_memory diagnostic command failed (" + ex + ")";
			return;
		}
		if (text.contains("not enabled")) {
			this.note = "threadStacksCommittedBytes: Native Memory Tracking is off; "
					+ "start the JVM with -XX:NativeMemoryTracking=summary";
			return;
		}
		this.cached = stacksCommitted(text);
		if (this.cached == null) {
			this.note = "threadStacksCommittedBytes: no thread stack line in this JVM's Native Memory Tracking summary";
		}
	}

	/**
	 * Reads the committed thread stacks out of a {@code VM.native_memory summary}.
	 * @param summary the command's output
	 * @return the bytes, or {@code null} when there is no stack line
	 */
	static @Nullable Long stacksCommitted(String summary) {
		Matcher matcher = STACK.matcher(summary);
		if (!matcher.find()) {
			return null;
		}
		long value = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
			case "KB" -> value * 1024;
			case "MB" -> value * 1024 * 1024;
			case "GB" -> value * 1024 * 1024 * 1024;
			default -> value;
		};
	}

	private static String vmNativeMemorySummary() throws JMException {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		Object answer = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
				new Object[] { new String[] { "summary" } }, new String[] { String[].class.getName() });
		return String.valueOf(answer);
	}

	/** Where the summary's text comes from: the JVM, or a test's fixed text. */
	@FunctionalInterface
	interface Summary {

		String read() throws JMException;

	}

}
