package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.Filter;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's queries on 100,000 deliveries in PostgreSQL (the server named by {@value
 * TestDatabase#POSTGRES_ENV}, else embedded): keyset pages hold the right rows however deep, and every
 * page statement runs on an index (EXPLAIN shows no sequential scan), so a page costs the same on a
 * large outbox. Rows are bulk-inserted in one {@code INSERT ... SELECT generate_series} statement.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryPagingTest {
    static final int ROWS = 100_000;
    static final long BASE_MS = Instant.parse("2026-11-29T00:00:00Z").toEpochMilli();

    private TestDatabase.Server server;
    private String prefix;
    private JdbiDeliveryStore store;
    private DeliverySql sql;

    @BeforeAll
    void fill() throws Exception {
        TestDatabase database = System.getenv(DatabaseServers.POSTGRES_ENV) != null
                ? TestDatabase.POSTGRES_SERVICE
                : TestDatabase.EMBEDDED_POSTGRES;
        server = database.start();
        prefix = server.migrateNewPrefix();
        store = JdbiStores.builder(server.dataSource())
                .tablePrefix(prefix)
                .build()
                .deliveryStore();
        sql = new DeliverySql(Jdbi.create(server.dataSource()), null, SqlDialect.POSTGRESQL, prefix);
        String json = WebhookJson.mapper().writeValueAsString(TestDeliveries.exampleExport("bulk"));
        try (Connection c = server.dataSource().getConnection()) {
            // Row g: owner bob when g % 10 == 0, else alice; status by g % 5; target 1 + g % 7; one second apart.
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + prefix + "deliveries"
                    + " (idempotency_key, owner, target_id, provider_key, signing_status, export_json, status,"
                    + " attempts, round_attempts, fencing_token, log_count, created_at_ms, updated_at_ms)"
                    + " SELECT 'bulk-' || g, CASE WHEN g % 10 = 0 THEN 'bob' ELSE 'alice' END, 1 + g % 7,"
                    + " 'generic_webhook', 'signed', ?, (ARRAY['pending', 'retry_scheduled', 'exported', 'blocked',"
                    + " 'failed'])[1 + g % 5], 1, 1, 1, 1, ? + g * 1000, ? + g * 1000"
                    + " FROM generate_series(1, " + ROWS + ") g")) {
                insert.setString(1, json);
                insert.setLong(2, BASE_MS);
                insert.setLong(3, BASE_MS);
                assertThat(insert.executeUpdate()).isEqualTo(ROWS);
            }
            try (Statement s = c.createStatement()) {
                // Each delivery's one attempt: blocked ones failed auth (401), others were retried (503).
                s.executeUpdate("INSERT INTO " + prefix + "delivery_attempts (delivery_id, log_seq, attempt, status,"
                        + " code, http_status, message, request_sent, started_at_ms, finished_at_ms)"
                        + " SELECT id, 1, 1, CASE WHEN status = 'blocked' THEN 'blocked' ELSE 'retry_scheduled' END,"
                        + " CASE WHEN status = 'blocked' THEN 'generic_webhook_auth_failed'"
                        + " ELSE 'WEBHOOK_DELIVERY_FAILED' END, CASE WHEN status = 'blocked' THEN 401 ELSE 503 END,"
                        + " 'bulk', true, created_at_ms, created_at_ms + 20 FROM " + prefix + "deliveries");
                s.execute("ANALYZE " + prefix + "deliveries");
                s.execute("ANALYZE " + prefix + "delivery_attempts");
            }
        }
    }

    @AfterAll
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void countsOneOwnersDeliveriesByStatus() {
        Map<DeliveryStatus, Long> alice = store.countByStatus("alice");
        assertThat(alice.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(90_000);
        // Status follows g % 5 and owner g % 10, so every one of bob's is pending.
        assertThat(alice)
                .containsEntry(DeliveryStatus.BLOCKED, 20_000L)
                .containsEntry(DeliveryStatus.PENDING, 10_000L)
                .doesNotContainKey(DeliveryStatus.SENDING);
        assertThat(store.countByStatus("bob").get(DeliveryStatus.PENDING)).isEqualTo(10_000);
        assertThat(store.countByStatus("carol")).isEmpty();
    }

    @Test
    void keysetPagesWalkNewestFirstWithoutGapsOrOtherOwners() {
        Filter alice = Filter.of("alice");
        List<Delivery> first = store.page(alice, Long.MAX_VALUE, 50);
        assertThat(first).hasSize(50);
        assertThat(first.get(0).idempotencyKey()).isEqualTo("bulk-99999");
        List<Delivery> second = store.page(alice, first.get(49).id(), 50);
        assertThat(second.get(0).id()).isLessThan(first.get(49).id());
        // Ids are 1..100000 in insertion order; alice holds every id not divisible by 10.
        List<Long> expected = java.util.stream.LongStream.iterate(first.get(49).id() - 1, i -> i - 1)
                .filter(i -> i % 10 != 0)
                .limit(50)
                .boxed()
                .toList();
        assertThat(second).extracting(Delivery::id).containsExactlyElementsOf(expected);

        List<Delivery> deep = store.page(alice, 101, 50);
        assertThat(deep).hasSize(50).extracting(Delivery::id).allMatch(id -> id < 101 && id % 10 != 0);
        assertThat(store.page(alice, 5, 50))
                .extracting(Delivery::idempotencyKey)
                .containsExactly("bulk-4", "bulk-3", "bulk-2", "bulk-1");
        assertThat(first.get(0).attemptLog()).hasSize(1);
    }

    @Test
    void filtersByStatusCodeTargetAndTime() {
        List<Delivery> blocked = store.page(
                new Filter("alice", DeliveryStatus.BLOCKED, "generic_webhook_auth_failed", 3L, null, null),
                Long.MAX_VALUE,
                20);
        assertThat(blocked).hasSize(20).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.BLOCKED);
            assertThat(d.targetId()).isEqualTo(3);
            assertThat(d.lastAttempt().code()).isEqualTo("generic_webhook_auth_failed");
        });
        assertThat(store.page(
                        new Filter("alice", DeliveryStatus.EXPORTED, "generic_webhook_auth_failed", null, null, null),
                        Long.MAX_VALUE,
                        20))
                .isEmpty();
        Instant from = Instant.ofEpochMilli(BASE_MS + 5_000_000);
        List<Delivery> window =
                store.page(new Filter("alice", null, null, null, from, from.plusSeconds(100)), Long.MAX_VALUE, 200);
        assertThat(window).hasSize(90).allMatch(d -> !d.createdAt().isBefore(from));
    }

    @Test
    void everyPageStatementRunsOnAnIndex() {
        Instant from = Instant.ofEpochMilli(BASE_MS + 5_000_000);
        List<Filter> filters = List.of(
                Filter.of("alice"),
                new Filter("alice", DeliveryStatus.RETRY_SCHEDULED, null, null, null, null),
                new Filter("alice", null, null, 4L, null, null),
                new Filter("alice", DeliveryStatus.BLOCKED, "generic_webhook_auth_failed", null, null, null),
                new Filter("alice", DeliveryStatus.BLOCKED, null, 2L, null, null),
                new Filter("alice", null, null, null, from, from.plus(Duration.ofHours(1))));
        for (Filter filter : filters) {
            for (long before : new long[] {Long.MAX_VALUE, 50_000}) {
                String plan = Jdbi.create(server.dataSource())
                        .withHandle(handle -> String.join(
                                "\n",
                                DeliverySql.bindPage(
                                                Statements.query(handle, "EXPLAIN " + sql.pageSql(filter)),
                                                filter,
                                                before,
                                                50)
                                        .mapTo(String.class)
                                        .list()));
                assertThat(plan)
                        .as("plan for %s before %d", filter, before)
                        .doesNotContain("Seq Scan")
                        .contains("Index");
            }
        }
    }

    @Test
    void chartsAnHourOfActivityByMinute() {
        Instant from = Instant.ofEpochMilli(BASE_MS + 3_600_000);
        List<DeliveryStore.Activity> hour = store.activity("alice", from, Duration.ofMinutes(1), 60);
        assertThat(hour).hasSize(60);
        // 60 deliveries a minute, 54 of them alice's; each one attempt 20 ms after enqueueing.
        assertThat(hour).allSatisfy(minute -> {
            assertThat(minute.enqueued()).isEqualTo(54);
            assertThat(minute.failures()).isEqualTo(54);
            assertThat(minute.exported()).isZero();
        });
    }
}
