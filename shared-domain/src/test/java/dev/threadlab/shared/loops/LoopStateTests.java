package dev.threadlab.shared.loops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoopStateTests {

	@Test
	void aLoopInsideNettysEpollWaitIsWaitingThoughTheJvmCallsItRunnable() {
		assertThat(LoopState.of(Thread.State.RUNNABLE,
				stack("io.netty.channel.epoll.Native.epollWait0", "io.netty.channel.epoll.Native.epollWait",
						"io.netty.channel.epoll.EpollIoHandler.epollWait",
						"io.netty.channel.epoll.EpollIoHandler.run")))
			.isEqualTo(LoopState.WAITING);
		assertThat(LoopState.of(Thread.State.RUNNABLE,
				stack("io.netty.channel.epoll.Native.epollBusyWait0", "io.netty.channel.epoll.Native.epollBusyWait")))
			.isEqualTo(LoopState.WAITING);
	}

	@Test
	void aLoopInsideTheJdksSelectorIsWaiting() {
		assertThat(LoopState.of(Thread.State.RUNNABLE,
				stack("sun.nio.ch.EPoll.wait", "sun.nio.ch.EPollSelectorImpl.doSelect",
						"sun.nio.ch.SelectorImpl.lockAndDoSelect", "sun.nio.ch.SelectorImpl.select")))
			.isEqualTo(LoopState.WAITING);
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("sun.nio.ch.KQueue.poll"))).isEqualTo(LoopState.WAITING);
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("io.netty.channel.kqueue.Native.keventWait")))
			.isEqualTo(LoopState.WAITING);
	}

	@Test
	void aLoopRunningACallbackIsRunning() {
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("sun.security.provider.DigestBase.engineDigest",
				"dev.threadlab.shared.work.CpuWork.sha256Rounds", "io.netty.channel.epoll.EpollIoHandler.run")))
			.isEqualTo(LoopState.RUNNING);
		// Netty's own non-blocking socket read is work, not a wait.
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("io.netty.channel.unix.FileDescriptor.readAddress",
				"io.netty.channel.epoll.AbstractEpollChannel")))
			.isEqualTo(LoopState.RUNNING);
		// The selector's wait deeper down is not where the loop is now.
		assertThat(LoopState.of(Thread.State.RUNNABLE,
				stack("sun.nio.ch.EPollSelectorImpl.processEvents", "sun.nio.ch.EPoll.wait")))
			.isEqualTo(LoopState.RUNNING);
	}

	@Test
	void aLoopThatSleepsParksOrWaitsForAMonitorIsBlocked() {
		assertThat(LoopState.of(Thread.State.TIMED_WAITING,
				stack("java.lang.Thread.sleep0", "java.lang.Thread.sleep", "dev.threadlab.reactive.lab.LabController")))
			.isEqualTo(LoopState.BLOCKED);
		assertThat(LoopState.of(Thread.State.WAITING, stack("jdk.internal.misc.Unsafe.park",
				"java.util.concurrent.locks.LockSupport.park", "java.util.concurrent.CompletableFuture.join")))
			.isEqualTo(LoopState.BLOCKED);
		assertThat(LoopState.of(Thread.State.BLOCKED, stack("dev.threadlab.Some.synchronizedMethod")))
			.isEqualTo(LoopState.BLOCKED);
	}

	@Test
	void aLoopWaitingOnAFileOrABlockingSocketIsBlockedThoughRunnable() {
		assertThat(LoopState.of(Thread.State.RUNNABLE,
				stack("sun.nio.ch.UnixFileDispatcherImpl.pread0", "sun.nio.ch.FileChannelImpl.read")))
			.isEqualTo(LoopState.BLOCKED);
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("java.io.FileInputStream.readBytes")))
			.isEqualTo(LoopState.BLOCKED);
		assertThat(LoopState.of(Thread.State.RUNNABLE, stack("sun.nio.ch.Net.poll", "sun.nio.ch.NioSocketImpl.park")))
			.isEqualTo(LoopState.BLOCKED);
	}

	@Test
	void labelsAreTheContractsWords() {
		assertThat(LoopState.values()).extracting(LoopState::label).containsExactly("waiting", "running", "blocked");
	}

	@Test
	void aThreadSampledWithoutAStackIsRunningOnlyWhenRunnable() {
		assertThat(LoopState.of(Thread.State.RUNNABLE, new StackTraceElement[0])).isEqualTo(LoopState.RUNNING);
		assertThat(LoopState.of(Thread.State.NEW, new StackTraceElement[0])).isEqualTo(LoopState.WAITING);
	}

	static StackTraceElement[] stack(String... methods) {
		StackTraceElement[] stack = new StackTraceElement[methods.length];
		for (int i = 0; i < methods.length; i++) {
			int dot = methods[i].lastIndexOf('.');
			stack[i] = new StackTraceElement(methods[i].substring(0, dot), methods[i].substring(dot + 1), null, -1);
		}
		return stack;
	}

}
