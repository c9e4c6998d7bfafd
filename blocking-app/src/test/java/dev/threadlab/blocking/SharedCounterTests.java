package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.SharedCounterTestKit;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared counter kit against blocking-app on its real server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SharedCounterTests extends SharedCounterTestKit {

	@LocalServerPort
	private int port;

	@Override
	protected URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	protected Contender contender() {
		return Contender.BLOCKING;
	}

}
