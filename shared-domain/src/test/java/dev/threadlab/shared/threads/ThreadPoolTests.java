package dev.threadlab.shared.threads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadPoolTests {

	@ParameterizedTest
	@CsvSource({ "http-nio-8081-exec-7, request-workers", "http-nio-127.0.0.1-8081-exec-7, request-workers",
			"https-jsse-nio-8443-exec-1, request-workers", "tomcat-handler-12, request-workers",
			"reactor-http-epoll-3, event-loop", "reactor-http-nio-1, event-loop", "boundedElastic-4, worker-pool",
			"file-io-2, worker-pool", "task-8, worker-pool", "parallel-1, timers", "HikariPool-1:housekeeper, db-pool",
			"r2dbc-pool-1, db-pool", "ForkJoinPool-1-worker-3, virtual-carriers",
			"ForkJoinPool.commonPool-worker-1, other", "http-nio-8081-Poller, other", "main, other",
			"Reference Handler, other" })
	void threadsAreSortedIntoPoolsByName(String name, String pool) {
		assertThat(ThreadPool.classify(name).label()).isEqualTo(pool);
	}

	@Test
	void platformThreadsAreNotVirtual() {
		assertThat(Threads.isVirtual(Thread.currentThread())).isFalse();
	}

}
