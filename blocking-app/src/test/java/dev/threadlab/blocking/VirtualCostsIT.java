package dev.threadlab.blocking;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.CostsTestKit;
import dev.threadlab.shared.kit.LabClient;
import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared costs kit against the third contender ({@link VirtualContender#H2}), and the
 * structural fact of its model: parked requests are virtual threads, not platform ones.
 */
class VirtualCostsIT extends CostsTestKit {

	@BeforeAll
	static void startVirtualContender() {
		VirtualContender.H2.url();
	}

	@Test
	void parkedRequestsAreVirtualThreadsNotPlatformOnes() {
		try (LabClient client = new LabClient(baseUrl())) {
			JsonNode before = costs();
			assertThat(before.get("memory").get("threadStacksCommittedBytes").isNumber())
				.as("started with Native Memory Tracking, as LabProcess starts every contender")
				.isTrue();
			CompletableFuture<List<Answer>> parked = CompletableFuture
				.supplyAsync(() -> client.sendAll(200, (i) -> client.request("/api/items/1?delayMs=3000").build()));
			int mostVirtual = 0;
			int mostPlatform = 0;
			while (!parked.isDone()) {
				JsonNode memory = costs().get("memory");
				mostVirtual = Math.max(mostVirtual, memory.get("virtualThreads").asInt());
				mostPlatform = Math.max(mostPlatform, memory.get("platformThreads").asInt());
				sleep(100);
			}
			assertThat(parked.join())
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
			System.out.printf("virtual: 200 parked requests, at most %d virtual threads and %d platform threads%n",
					mostVirtual, mostPlatform);
			assertThat(mostVirtual).as("most of them waited at once, each on a virtual thread")
				.isGreaterThanOrEqualTo(150);
			assertThat(mostPlatform).as("and no platform thread each").isLessThan(100);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	protected URI baseUrl() {
		return VirtualContender.H2.url();
	}

	@Override
	protected Contender contender() {
		return Contender.VIRTUAL;
	}

}
