package com.webriskops.webhooks.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * B6 in its own JVM (started with {@code -Xmx256m}): enqueues N deliveries into the PostgreSQL outbox,
 * then dispatches them all to a loopback sink, tracking the heap: the highest used heap sampled every
 * 20 ms and the highest heap still live after a collection. Prints one {@code RESULT} line.
 */
public final class HeapRun {
    private HeapRun() {}

    /**
     * Arguments: JDBC URL, table prefix, number of deliveries, number of dispatchers, dispatch budget in
     * seconds.
     *
     * @throws Exception if the run fails
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String prefix = args[1];
        int count = Integer.parseInt(args[2]);
        int dispatchers = Integer.parseInt(args[3]);
        int budgetSeconds = Integer.parseInt(args[4]);
        AtomicLong maxAfterGc = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                        notification.getType())) {
                                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                            (CompositeData) notification.getUserData());
                                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                            .mapToLong(MemoryUsage::getUsed)
                                            .sum();
                                    maxAfterGc.accumulateAndGet(used, Math::max);
                                }
                            },
                            null,
                            null);
        }
        AtomicLong peakUsed = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                peakUsed.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        JdbcConnectionPool pool = Db.pool(url, 16);
        JdbiStores.migrate(pool, prefix);
        JdbiStores stores = JdbiStores.builder(pool).tablePrefix(prefix).build();
        DeliveryStore store = stores.deliveryStore();
        try (Sink sink = new Sink()) {
            SenderRuns.Loopback target = SenderRuns.target(stores, sink.url());
            // The kit's enqueue path for the first rows (its speed is B5's business), then the rest as
            // SQL copies of the first row with their own keys, so 100,000 are queued within the budget.
            int direct = Math.min(count, 1000);
            double enqueueSeconds = SenderRuns.enqueue(store, target, direct, 4, "heap-");
            SenderRuns.copies(pool, prefix, "heap-copy-", count - direct);
            System.gc();
            long afterEnqueue = maxAfterGc.get();
            long dispatchStart = System.nanoTime();
            double rate = SenderRuns.dispatch(
                    store, target, sink, count, dispatchers, java.time.Duration.ofSeconds(budgetSeconds), false);
            double dispatchSeconds = (System.nanoTime() - dispatchStart) / 1e9;
            long maxHeap =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
            System.out.println("RESULT " + count + " " + enqueueSeconds + " " + dispatchSeconds + " " + peakUsed.get()
                    + " " + maxAfterGc.get() + " " + afterEnqueue + " " + maxHeap + " " + sink.received.get() + " "
                    + rate + " " + direct);
        }
        pool.dispose();
    }
}
