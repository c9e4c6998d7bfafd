package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.ApiDocsTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The API documentation kit against the third contender ({@link VirtualContender#H2}).
 */
class VirtualApiDocsIT extends ApiDocsTestKit {

	@BeforeAll
	static void startVirtualContender() {
		VirtualContender.H2.url();
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
