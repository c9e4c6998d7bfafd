package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.CostsTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared costs kit against the third contender ({@link VirtualContender}).
 */
class VirtualCostsIT extends CostsTestKit {

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
