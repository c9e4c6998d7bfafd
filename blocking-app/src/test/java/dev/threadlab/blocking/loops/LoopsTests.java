package dev.threadlab.blocking.loops;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.contract.RequestPoolSnapshot;
import dev.threadlab.shared.kit.LabClient.Answer;
import dev.threadlab.shared.kit.LoopsTestKit;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/loops} on the real Tomcat with ten request threads: the kit's checks, and
 * the pool filling up. With every thread busy a request to {@code /api/loops} waits in
 * the queue like the others, so the samples during the race are read in process, from the
 * sampler the endpoint reads (hence this test's package).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.tomcat.threads.max=10")
class LoopsTests extends LoopsTestKit {

	@LocalServerPort
	private int port;

	@Autowired
	private LoopsSampler sampler;

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.BLOCKING;
	}

	@Test
	void twentySlowRequestsOnTenThreadsKeepAllTenBusyAndQueueTheRest() {
		List<CompletableFuture<Answer>> sleeping = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			sleeping.add(client().sendAsync(client().request("/api/sleep?delayMs=2000").build()));
		}
		List<RequestPoolSnapshot> samples = new ArrayList<>();
		while (!sleeping.stream().allMatch(CompletableFuture::isDone)) {
			samples.add(this.sampler.sample().requestPool());
			pause(50);
		}
		assertThat(sleeping).allSatisfy((answer) -> assertThat(answer.join().status()).isEqualTo(200));
		assertThat(samples).allSatisfy((pool) -> {
			assertThat(pool.max()).isEqualTo(10);
			assertThat(pool.busy()).isBetween(0, 10);
		});
		assertThat(samples).as("every thread busy, and the rest waiting for one").anySatisfy((pool) -> {
			assertThat(pool.busy()).isEqualTo(10);
			assertThat(pool.queued()).isGreaterThanOrEqualTo(5);
		});
		RequestPoolSnapshot after = this.sampler.sample().requestPool();
		assertThat(after.queued()).isZero();
		assertThat(after.busy()).as("nothing running: this read is not a request").isZero();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
