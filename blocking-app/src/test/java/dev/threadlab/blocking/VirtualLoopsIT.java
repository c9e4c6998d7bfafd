package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.LoopsTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code /api/loops} on the third contender ({@link VirtualContender#H2}): no loops, no
 * request pool, and the virtual thread scheduler where the JVM can read it.
 */
class VirtualLoopsIT extends LoopsTestKit {

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
