package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.HostileInputTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared hostile-input kit against the third contender ({@link VirtualContender#H2}).
 */
class VirtualHostileInputIT extends HostileInputTestKit {

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
