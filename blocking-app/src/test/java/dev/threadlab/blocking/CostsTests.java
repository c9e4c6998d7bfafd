package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.CostsTestKit;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The shared costs kit against blocking-app on its real server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CostsTests extends CostsTestKit {

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
