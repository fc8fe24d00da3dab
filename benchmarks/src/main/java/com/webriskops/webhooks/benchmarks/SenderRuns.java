package com.webriskops.webhooks.benchmarks;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.spi.TargetStore.TargetLookup;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/** The sender side of B5 and B6: a loopback target, dispatchers with default settings, enqueueing. */
final class SenderRuns {
    private SenderRuns() {}

    /**
     * The loopback target as an application keeps it: stored in the outbox's database and looked up,
     * with its signing secret from a credential store, at every attempt ({@code
     * targetStore().lookup(credentials)}, as the guides wire it).
     *
     * @param target the stored target with its secret, for enqueueing
     * @param lookup what the dispatchers find targets with
     */
    record Loopback(ExportTarget target, TargetLookup lookup) {}

    /** Stores a loopback target for {@code url} in {@code stores}, its secret in an in-memory credential store. */
    static Loopback target(JdbiStores stores, String url) {
        WebhookSecret secret = WebhookSecret.of(SignatureBenchmarks.SECRET_TEXT);
        StoredTarget stored = stores.targetStore().create(SenderFixtures.loopbackTarget(0, url, secret), Instant.now());
        CredentialStore credentials = CredentialStore.inMemory();
        credentials.setSigningSecrets(stored.target().id(), List.of(secret));
        ExportTarget target = stored.target().toBuilder().signingSecrets(secret).build();
        return new Loopback(target, stores.targetStore().lookup(credentials));
    }

    /**
     * Workers per dispatcher: the kit's default, unless {@code -Dbench.workers} says otherwise (for
     * comparisons while developing).
     */
    static final int WORKERS = Integer.getInteger("bench.workers", Dispatcher.DEFAULT_WORKERS);

    /** A dispatcher with the kit's defaults (batch size; workers, see above), polling every 50 ms once idle. */
    static Dispatcher dispatcher(DeliveryStore store, Loopback target, String owner) {
        return Dispatcher.builder()
                .workers(WORKERS)
                .store(store)
                .sender(WebhookSender.builder().build())
                .targets(target.lookup())
                .pollInterval(Duration.ofMillis(50))
                .owner(owner)
                .build();
    }

    /** Enqueues {@code count} deliveries from {@code threads} threads; returns the seconds it took. */
    static double enqueue(DeliveryStore store, Loopback target, int count, int threads, String keyPrefix)
            throws Exception {
        TicketExportWebhook example =
                WebhookJson.mapper().readValue(TestDeliveries.examplePayload(), TicketExportWebhook.class);
        ExportRequest template = new ExportRequest(
                keyPrefix + "template",
                example.account().id(),
                example.account().projectId(),
                example.ticketExport(),
                example.renderedBody());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        store.enqueue(
                                target.target(),
                                new ExportRequest(
                                        keyPrefix + i,
                                        template.accountId(),
                                        template.projectId(),
                                        template.ticketExport(),
                                        template.renderedBody()),
                                Instant.now());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Starts {@code dispatchers} dispatchers, waits until the sink has received {@code count} more
     * requests, stops them; returns deliveries per second.
     */
    /**
     * Queues {@code copies} more deliveries as SQL copies of the newest row (which must be a queued one
     * enqueued through the kit), each with its own idempotency key: the kit's enqueue path runs at a few
     * hundred a second, and what is measured here is the sending.
     */
    static void copies(DataSource pool, String prefix, String keyPrefix, int copies) throws SQLException {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            String columns = "target_id, provider_key, signing_status, export_json, status, status_before_claim,"
                    + " attempts, round_attempts, round_started_at_ms, next_attempt_at_ms, lease_owner,"
                    + " lease_expires_at_ms, due_at_ms, fencing_token, log_count, created_at_ms, updated_at_ms,"
                    + " payload_verdict";
            statement.executeUpdate("INSERT INTO " + prefix + "deliveries (idempotency_key, " + columns + ")"
                    + " SELECT '" + keyPrefix + "' || g, " + columns + " FROM " + prefix + "deliveries,"
                    + " generate_series(1, " + copies + ") AS g WHERE id = (SELECT max(id) FROM " + prefix
                    + "deliveries)");
        }
    }

    static double dispatch(DeliveryStore store, Loopback target, Sink sink, int count, int dispatchers)
            throws Exception {
        return dispatch(store, target, sink, count, dispatchers, Duration.ofMinutes(5), true);
    }

    /** Like the above, but stops at {@code budget}; returns deliveries per second either way. */
    static double dispatch(
            DeliveryStore store,
            Loopback target,
            Sink sink,
            int count,
            int dispatchers,
            Duration budget,
            boolean failWhenUnfinished)
            throws Exception {
        long base = sink.received.get();
        List<Dispatcher> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < dispatchers; i++) {
            Dispatcher dispatcher = dispatcher(store, target, "bench-" + i + "-" + start);
            dispatcher.start();
            running.add(dispatcher);
        }
        long deadline = start + budget.toNanos();
        while (sink.received.get() - base < count) {
            if (System.nanoTime() > deadline) {
                if (!failWhenUnfinished) {
                    break;
                }
                throw new IllegalStateException("dispatch did not finish: " + (sink.received.get() - base));
            }
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long sent = sink.received.get() - base;
        for (Dispatcher dispatcher : running) {
            dispatcher.close();
        }
        return sent / seconds;
    }
}
