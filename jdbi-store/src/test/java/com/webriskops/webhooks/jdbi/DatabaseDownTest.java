package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import com.webriskops.webhooks.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * With embedded PostgreSQL stopped mid-test, the receiver answers 503 with Retry-After (never 2xx);
 * once a new server runs on the same data directory and port, the same receiver works again.
 *
 * <p>The restart is a {@link RestartablePostgres}: a second server on the first one's data directory and
 * port, which is what a database restart looks like to the app.
 */
class DatabaseDownTest {
    private static final WebhookSecret SECRET = WebhookSecret.of("test-secret-for-database-down");
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDirectory;

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutRebuildingTheReceiver() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres(dataDirectory.resolve("pgdata"))) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(postgres.url("&connectTimeout=5"));
            JdbiStores.migrate(dataSource);
            JdbiStores stores = JdbiStores.create(dataSource);
            WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                    .secrets(SECRET)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .replayStore(stores.replayStore())
                    .idempotencyStore(stores.idempotencyStore())
                    .build();

            ReceiveResult<TicketExportWebhook> before = receiver.receive(delivery("nonce-before", "export-before"));
            assertThat(before).isInstanceOf(ReceiveResult.Accepted.class);
            assertThat(receiver.finish(((ReceiveResult.Accepted<TicketExportWebhook>) before).delivery(), 200))
                    .isEqualTo(WebhookReceiver.Finish.COMPLETED);

            postgres.stop();

            for (int i = 0; i < 3; i++) {
                ReceiveResult<TicketExportWebhook> down = receiver.receive(delivery("nonce-down-" + i, "export-down"));
                assertThat(down).isInstanceOf(ReceiveResult.Rejected.class);
                assertThat(down.answer().status()).isEqualTo(503);
                assertThat(down.answer().headers()).containsKey(WebhookHeaders.RETRY_AFTER);
            }
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                            () -> stores.replayStore().recordIfAbsent("n", NOW, NOW.plusSeconds(1))))
                    .isInstanceOf(StoreException.class)
                    .hasMessageNotContaining("INSERT")
                    .hasCauseInstanceOf(org.jdbi.v3.core.JdbiException.class);

            postgres.start();

            ReceiveResult<TicketExportWebhook> after = receiver.receive(delivery("nonce-after", "export-down"));
            assertThat(after).isInstanceOf(ReceiveResult.Accepted.class);
            receiver.finish(((ReceiveResult.Accepted<TicketExportWebhook>) after).delivery(), 200);
            // The state written before the outage survived it: the earlier export is a duplicate.
            ReceiveResult<TicketExportWebhook> duplicate = receiver.receive(delivery("nonce-retry", "export-before"));
            assertThat(duplicate).isInstanceOf(ReceiveResult.Duplicate.class);
            assertThat(duplicate.answer().status()).isEqualTo(200);
            // And so did the nonce: a replay is still refused.
            assertThat(receiver.receive(delivery("nonce-before", "export-other"))
                            .answer()
                            .status())
                    .isEqualTo(401);
        }
    }

    /** The example export with its header-bound fields rewritten, signed with the test secret. */
    private static InboundRequest delivery(String nonce, String idempotencyKey) throws IOException {
        String timestamp = Long.toString(NOW.getEpochSecond());
        ObjectNode body;
        try (InputStream in = DatabaseDownTest.class.getResourceAsStream("/test-vectors/ticket-export-example.json")) {
            assertThat(in).as("core's test vectors on the test class path").isNotNull();
            body = (ObjectNode) JSON.readTree(in);
        }
        body.put("idempotency_key", idempotencyKey);
        ObjectNode replay = (ObjectNode) body.get("replay_protection");
        replay.put("timestamp", timestamp);
        replay.put("nonce", nonce);
        byte[] bytes = JSON.writeValueAsBytes(body);
        String signature = WebhookSignatures.sign(SECRET, timestamp, nonce, bytes);
        Map<String, List<String>> headers = Map.of(
                WebhookHeaders.CONTENT_TYPE, List.of("application/json"),
                WebhookHeaders.EVENT, List.of(WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED),
                WebhookHeaders.SCHEMA, List.of(WebhookProtocol.SCHEMA_VERSION),
                WebhookHeaders.IDEMPOTENCY_KEY, List.of(idempotencyKey),
                WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, List.of(idempotencyKey),
                WebhookHeaders.TIMESTAMP, List.of(timestamp),
                WebhookHeaders.NONCE, List.of(nonce),
                WebhookHeaders.SIGNATURE, List.of(signature));
        return InboundRequest.of(headers, bytes);
    }
}
