package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import com.webriskops.webhooks.testing.ForwardingDeliveryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and restarted (same data directory and port) under a running dispatcher: the
 * dispatcher keeps polling at its interval (no crash, no busy loop), resumes once the database is
 * back, and every delivery is accepted by the receiver exactly once.
 */
class DatabaseRestartDispatchTest {
    private static final int DELIVERIES = OutboxDurabilityTest.DELIVERIES;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int WORKERS = 2;

    @TempDir
    Path dataDirectory;

    @Test
    void aDispatcherBacksOffWhileTheDatabaseIsDownAndLosesNothing() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres(dataDirectory.resolve("pgdata"))) {
            JdbcConnectionPool pool = TestDatabase.pooledPostgres(postgres.url(""));
            try (CountingReceiver receiver = new CountingReceiver(20)) {
                JdbiStores.migrate(pool);
                DeliveryStore store = JdbiStores.create(pool).deliveryStore();
                ExportTarget target = CountingReceiver.target(receiver.url());
                Instant now = Instant.now();
                for (int i = 0; i < DELIVERIES; i++) {
                    store.enqueue(target, DeliveryStoreContract.export("restart-" + i), now);
                }
                CountingStore counting = new CountingStore(store);
                try (Dispatcher dispatcher = com.webriskops.webhooks.sender.outbox.Dispatcher.builder()
                        .store(counting)
                        .sender(OutboxDispatcherMain.sender())
                        .targets(id -> id == target.id() ? target : null)
                        .workers(WORKERS)
                        .pollInterval(POLL)
                        .lease(OutboxDurabilityTest.LEASE)
                        .owner("survivor")
                        .build()) {
                    dispatcher.start();
                    OutboxDurabilityTest.await(
                            () -> receiver.total.get() >= 60, OutboxDurabilityTest.PATIENCE, "deliveries under way");

                    postgres.stop();
                    int failuresAtStop = counting.failedClaims.get();
                    long downSince = System.nanoTime();
                    OutboxDurabilityTest.await(
                            () -> counting.failedClaims.get() >= failuresAtStop + 2 * WORKERS,
                            OutboxDurabilityTest.PATIENCE,
                            "the dispatcher noticing the outage");
                    int receivedWhileDown = receiver.total.get();
                    OutboxDurabilityTest.await(
                            () -> System.nanoTime() - downSince
                                    > Duration.ofMillis(800).toNanos(),
                            OutboxDurabilityTest.PATIENCE,
                            "the outage lasting");
                    long downMillis = (System.nanoTime() - downSince) / 1_000_000;
                    int failures = counting.failedClaims.get() - failuresAtStop;
                    assertThat(receiver.total.get())
                            .as("nothing is sent while the outbox is unreachable")
                            .isEqualTo(receivedWhileDown);
                    assertThat(failures)
                            .as("failed claims in %d ms with %d workers polling every %s", downMillis, WORKERS, POLL)
                            .isLessThanOrEqualTo((int) (WORKERS * (downMillis / POLL.toMillis() + 2)) + WORKERS);

                    postgres.start();
                    OutboxDurabilityTest.awaitExported(receiver, store, OutboxDurabilityTest.PATIENCE);
                }

                assertThat(store.list(DeliveryStatus.EXPORTED, 1_000)).hasSize(DELIVERIES);
                assertThat(receiver.accepted).hasSize(DELIVERIES);
                assertThat(receiver.accepted.values())
                        .allSatisfy(count -> assertThat(count).hasValue(1));
                assertThat(receiver.duplicates().size())
                        .as("keys sent again: only attempts in flight at the outage")
                        .isLessThanOrEqualTo(WORKERS);
            } finally {
                pool.dispose();
            }
        }
    }

    /** Counts claims that failed, to show the dispatcher waits between them. */
    private static final class CountingStore extends ForwardingDeliveryStore {
        final AtomicInteger failedClaims = new AtomicInteger();

        CountingStore(DeliveryStore delegate) {
            super(delegate);
        }

        @Override
        public List<ClaimedDelivery> claimDue(String owner, Instant now, Duration lease, int limit) {
            try {
                return delegate.claimDue(owner, now, lease, limit);
            } catch (RuntimeException e) {
                failedClaims.incrementAndGet();
                throw e;
            }
        }
    }
}
