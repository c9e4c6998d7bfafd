package dev.threadlab.shared.loops;

import java.util.Set;

/**
 * What an event-loop thread is doing at one moment, told from outside it by its thread
 * state and the top of its stack. The JVM calls a thread inside {@code epoll_wait}
 * {@code RUNNABLE}, as it does one running a callback: only the stack tells them apart.
 */
public enum LoopState {

	/**
	 * Parked by the OS in {@code epoll_wait}, {@code select} or {@code kevent} until an
	 * event comes: an idle loop, costing no CPU.
	 */
	WAITING("waiting"),

	/** Running a callback, or the loop's own work between two waits. */
	RUNNING("running"),

	/**
	 * Sleeping, parked on a lock or a condition, or waiting on I/O outside the selector:
	 * every connection of the loop waits with it.
	 */
	BLOCKED("blocked");

	/**
	 * The native waits of the selectors: Netty's epoll, kqueue and io_uring transports,
	 * and the JDK's NIO selectors on Linux, macOS and Windows.
	 */
	private static final Set<String> SELECTOR_WAITS = Set.of("io.netty.channel.epoll.Native.epollWait",
			"io.netty.channel.epoll.Native.epollWait0", "io.netty.channel.epoll.Native.epollBusyWait0",
			"io.netty.channel.kqueue.Native.keventWait", "io.netty.channel.kqueue.Native.keventWait0",
			"io.netty.channel.uring.Native.ioUringEnter", "io.netty.channel.uring.Native.ioUringEnter0",
			"sun.nio.ch.EPoll.wait", "sun.nio.ch.KQueue.poll", "sun.nio.ch.WEPoll.wait",
			"sun.nio.ch.PollSelectorImpl.poll", "sun.nio.ch.WindowsSelectorImpl$SubSelector.poll0");

	/**
	 * Native calls that wait for a file or a blocking socket: on a loop they hold every
	 * connection of it, like a sleep. Netty's own non-blocking reads and writes are not
	 * among them.
	 */
	private static final Set<String> BLOCKING_IO = Set.of("sun.nio.ch.FileDispatcherImpl.read0",
			"sun.nio.ch.FileDispatcherImpl.pread0", "sun.nio.ch.FileDispatcherImpl.readv0",
			"sun.nio.ch.FileDispatcherImpl.write0", "sun.nio.ch.FileDispatcherImpl.pwrite0",
			"sun.nio.ch.FileDispatcherImpl.force0", "sun.nio.ch.UnixFileDispatcherImpl.read0",
			"sun.nio.ch.UnixFileDispatcherImpl.pread0", "sun.nio.ch.UnixFileDispatcherImpl.write0",
			"sun.nio.ch.UnixFileDispatcherImpl.pwrite0", "sun.nio.ch.UnixFileDispatcherImpl.force0",
			"sun.nio.ch.Net.poll", "sun.nio.ch.Net.connect0", "java.io.FileInputStream.readBytes",
			"java.io.FileInputStream.read0", "java.io.FileOutputStream.writeBytes",
			"java.io.RandomAccessFile.readBytes", "java.io.RandomAccessFile.writeBytes",
			"java.net.SocketInputStream.socketRead0", "java.net.PlainSocketImpl.socketAccept",
			"sun.nio.ch.UnixFileDispatcherImpl.readv0", "java.net.InetAddress$PlatformResolver.lookupByName",
			"java.net.Inet6AddressImpl.lookupAllHostAddr", "java.net.Inet4AddressImpl.lookupAllHostAddr");

	private final String label;

	LoopState(String label) {
		this.label = label;
	}

	/**
	 * The state's name in {@code /api/loops}.
	 * @return {@code waiting}, {@code running} or {@code blocked}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Tells what a loop thread is doing.
	 * @param state the thread's state
	 * @param stack the top of its stack, innermost frame first (a few frames suffice)
	 * @return the loop's state
	 */
	public static LoopState of(Thread.State state, StackTraceElement[] stack) {
		if (state == Thread.State.BLOCKED || state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
			// Thread.sleep, LockSupport.park, Object.wait, a synchronized block taken by
			// another thread: none of them is the selector's wait.
			return BLOCKED;
		}
		if (stack.length == 0) {
			// Not started or already gone: nothing runs on it.
			return (state == Thread.State.RUNNABLE) ? RUNNING : WAITING;
		}
		String top = stack[0].getClassName() + "." + stack[0].getMethodName();
		if (SELECTOR_WAITS.contains(top)) {
			return WAITING;
		}
		if (BLOCKING_IO.contains(top)) {
			return BLOCKED;
		}
		return RUNNING;
	}

}
