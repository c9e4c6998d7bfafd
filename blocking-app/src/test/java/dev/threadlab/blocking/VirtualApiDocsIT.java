package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ApiDocsTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The API documentation kit against the third contender ({@link VirtualContender}).
 */
class VirtualApiDocsIT extends ApiDocsTestKit {

	@BeforeAll
	static void startVirtualContender() {
		VirtualContender.url();
	}

	@Override
	protected URI baseUrl() {
		return VirtualContender.url();
	}

	@Override
	protected Contender contender() {
		return Contender.VIRTUAL;
	}

}
