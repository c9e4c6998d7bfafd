package dev.threadlab.shared.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NativeMemoryTests {

	// Copied from `java -XX:NativeMemoryTracking=summary` answering VM.native_memory
	// summary on Temurin 17.0.15 and 25.
	private static final String JDK_17 = """
			-                    Thread (reserved=19506KB, committed=810KB)
			                            (thread #19)
			                            (stack: reserved=19456KB, committed=760KB)
			                            (malloc=29KB #118) (peak=35KB #111)
			""";

	private static final String JDK_25 = """
			-                    Thread (reserved=18490KB, committed=778KB)
			                            (threads #18)
			                            (stack: reserved=18432KB, committed=720KB, peak=720KB)
			                            (malloc=39KB tag=Thread #109) (peak=46KB #107)
			""";

	@Test
	void stacksAreReadFromTheStackLineOfBothJdks() {
		assertThat(NativeMemory.stacksCommitted(JDK_17)).isEqualTo(760L * 1024);
		assertThat(NativeMemory.stacksCommitted(JDK_25)).isEqualTo(720L * 1024);
		assertThat(NativeMemory.stacksCommitted(JDK_25.replace("committed=720KB", "committed=3MB")))
			.isEqualTo(3L * 1024 * 1024);
	}

	@Test
	void trackingOffIsNullWithANote() {
		List<String> notes = new ArrayList<>();
		NativeMemory off = new NativeMemory(() -> "Native memory tracking is not enabled\n");
		assertThat(off.stacksCommittedBytes(notes)).isNull();
		assertThat(notes).singleElement().asString().contains("-XX:NativeMemoryTracking=summary");
	}

	@Test
	void unreadableSummaryIsNullWithANote() {
		List<String> notes = new ArrayList<>();
		assertThat(new NativeMemory(() -> "Total: reserved=1KB").stacksCommittedBytes(notes)).isNull();
		assertThat(notes).singleElement().asString().contains("no thread stack line");
	}

	@Test
	void aBurstOfReadsCallsTheCommandOnce() {
		AtomicInteger calls = new AtomicInteger();
		NativeMemory memory = new NativeMemory(() -> {
			calls.incrementAndGet();
			return JDK_25;
		});
		for (int i = 0; i < 10; i++) {
			assertThat(memory.stacksCommittedBytes(new ArrayList<>())).isEqualTo(720L * 1024);
		}
		assertThat(calls).hasValue(1);
	}

}
