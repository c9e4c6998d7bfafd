package dev.threadlab.reactive;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ContractTestKit;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared contract test kit against reactive-app on its real Reactor Netty server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
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

}
