package dev.threadlab.shared.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.threadlab.shared.contract.ActivityEntry;
import dev.threadlab.shared.contract.ActivityPage;
import dev.threadlab.shared.contract.Trace;

/**
 * A bounded ring of the last finished requests. Writers claim a sequence number and fill
 * its slot without locks; readers walk forward from a sequence and stop at the first slot
 * not yet filled, so a page never skips an entry that is still being written.
 */
final class ActivityLog {

	private final AtomicReferenceArray<ActivityEntry> slots;

	private final AtomicLong claimed = new AtomicLong();

	ActivityLog(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
		}
		this.slots = new AtomicReferenceArray<>(capacity);
	}

	void record(Trace trace, String method, String path, int status) {
		long seq = this.claimed.incrementAndGet();
		this.slots.set(slot(seq), ActivityEntry.of(seq, trace, method, path, status));
	}

	ActivityPage after(long after, int limit) {
		long head = this.claimed.get();
		// A caller ahead of the ring is reading a process that has since restarted.
		long last = (after > head) ? 0 : after;
		long from = Math.max(last + 1, head - this.slots.length() + 1);
		List<ActivityEntry> items = new ArrayList<>(Math.min(limit, 256));
		for (long seq = from; seq <= head && items.size() < limit; seq++) {
			ActivityEntry entry = this.slots.get(slot(seq));
			if (entry == null || entry.seq() < seq) {
				break; // claimed, not yet written: the next page picks it up
			}
			if (entry.seq() == seq) {
				items.add(entry);
			}
			// entry.seq() > seq: overwritten while we read; it is gone, move on
			last = seq;
		}
		return new ActivityPage(items, Math.max(last, from - 1));
	}

	private int slot(long seq) {
		return (int) (seq % this.slots.length());
	}

}
