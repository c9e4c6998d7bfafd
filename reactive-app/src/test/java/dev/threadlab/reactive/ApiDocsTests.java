package dev.threadlab.reactive;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ApiDocsTestKit;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API documentation kit against reactive-app's real server, under BlockHound:
 * building the document and serving Swagger UI's files must not block an event loop
 * either.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(NoBlockingCalls.class)
class ApiDocsTests extends ApiDocsTestKit {

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
