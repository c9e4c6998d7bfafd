import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;

import dev.threadlab.shared.contract.Contender;
import dev.threadlab.shared.costs.CostSampler;
import dev.threadlab.shared.trace.Tracer;

/**
 * What one {@code GET /api/costs} read costs, the sampler alone, with N platform threads
 * parked as Tomcat's are while their requests wait: the CPU time of the reading thread
 * per read, for a fresh pass over the threads, for a read that shares the last pass, and
 * for reads every 500 ms as the dashboard polls. Prints one line.
 *
 * <pre>
 * ./mvnw -q -pl shared-domain compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp shared-domain/target/classes:$(cat /tmp/cp.txt) tools/ReadCost.java 2000
 * </pre>
 */
public class ReadCost {

	public static void main(String[] args) throws Exception {
		int n = Integer.parseInt(args[0]);
		CountDownLatch never = new CountDownLatch(1);
		for (int i = 0; i < n; i++) {
			Thread thread = new Thread(() -> {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "http-nio-8081-exec-" + i);
			thread.setDaemon(true);
			thread.start();
		}
		CostSampler sampler = new CostSampler(new Tracer(Contender.BLOCKING, 10), true);
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < 5; i++) { // warm-up: fresh passes
			sampler.sample();
			Thread.sleep(1010);
		}
		long fresh = 0;
		int freshReads = 10;
		for (int i = 0; i < freshReads; i++) {
			Thread.sleep(1010);
			long start = mx.getCurrentThreadCpuTime();
			sampler.sample();
			fresh += mx.getCurrentThreadCpuTime() - start;
		}
		sampler.sample();
		long shared = 0;
		int sharedReads = 20;
		for (int i = 0; i < sharedReads; i++) {
			long start = mx.getCurrentThreadCpuTime();
			sampler.sample();
			shared += mx.getCurrentThreadCpuTime() - start;
		}
		long polled = 0;
		int polls = 20;
		for (int i = 0; i < polls; i++) {
			Thread.sleep(500);
			long start = mx.getCurrentThreadCpuTime();
			sampler.sample();
			polled += mx.getCurrentThreadCpuTime() - start;
		}
		System.out.printf("threads=%d fresh pass: %.0f us/read; sharing the last pass: %.0f us/read;"
				+ " one read every 500 ms: %.0f us/read%n", mx.getThreadCount(), fresh / 1e3 / freshReads,
				shared / 1e3 / sharedReads, polled / 1e3 / polls);
	}

}
