package dev.threadlab.reactive.files;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlab.reactive.lab.LabProperties;
import dev.threadlab.shared.files.DataFolder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data folder, the threads its file channels run on, and the store that reads and
 * writes through them.
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

	@Bean
	DataFolder dataFolder(LabProperties properties) throws IOException {
		DataFolder folder = new DataFolder(properties.files().dir());
		// Blocking file system work, but done once, on the main thread, before the server
		// takes its first request: there is no event loop to keep free yet.
		folder.prepare();
		return folder;
	}

	/**
	 * The threads of the asynchronous file channels, {@code file-io-N}. Linux has no
	 * asynchronous file I/O the JDK uses, so each read or write is a blocking call run
	 * here, and the event loop only starts it. Being an {@code Executor} bean, it makes
	 * Boot skip its {@code applicationTaskExecutor}, which this app has no use for.
	 * @return the executor
	 */
	@Bean(destroyMethod = "shutdown")
	ExecutorService fileIoExecutor() {
		int threads = Math.max(4, Runtime.getRuntime().availableProcessors());
		AtomicInteger count = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "file-io-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		// An event loop hands reads and writes to this pool, and must never wait for a
		// lock to do so: the queue is lock-free (a LinkedBlockingQueue takes one), and
		// all threads start now (adding one later takes the pool's lock).
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new LinkedTransferQueue<>(), factory);
		executor.prestartAllCoreThreads();
		return executor;
	}

	@Bean
	FileStore fileStore(DataFolder dataFolder, ExecutorService fileIoExecutor) {
		return new FileStore(dataFolder, fileIoExecutor);
	}

}
