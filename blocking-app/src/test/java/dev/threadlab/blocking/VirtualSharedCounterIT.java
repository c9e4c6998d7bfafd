package dev.threadlab.blocking;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.kit.SharedCounterTestKit;
import org.junit.jupiter.api.BeforeAll;

/**
 * The shared counter kit against the third contender ({@link VirtualContender#H2}): one
 * virtual thread per request, carried by a few platform threads, loses updates like any
 * other threads that share a counter.
 */
class VirtualSharedCounterIT extends SharedCounterTestKit {

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
