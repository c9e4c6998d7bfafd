package dev.threadlab.reactive;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ContractTestKit;
import dev.threadlab.shared.kit.LabClient.Answer;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared contract test kit against reactive-app on its real Reactor Netty server,
 * under BlockHound: any kit test whose requests make a blocking call on an event loop or
 * a timer thread fails, but for the one sleep the kit makes there on purpose.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(NoBlockingCalls.class)
class ContractTests extends ContractTestKit {

	@LocalServerPort
	private int port;

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.REACTIVE;
	}

	/**
	 * Takes the sleep the kit makes on an event loop, and only it: anything else blocking
	 * by then stays a failure, and so does a sleep that BlockHound missed.
	 */
	@Override
	protected void sleptWithoutOffload(Answer inline) {
		assertThat(NoBlockingCalls.drain()).as("blocking calls of the sleep without offload")
			.singleElement()
			.satisfies((call) -> {
				assertThat(call.method()).isEqualTo("java.lang.Thread.sleep");
				assertThat(call.thread()).matches("reactor-http-(epoll|nio)-\\d+")
					.isEqualTo(inline.json().get("trace").get("startThread").asString());
			});
	}

}
