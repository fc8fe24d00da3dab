package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds signed ticket-export deliveries for tests: the documentation's example payload with fresh
 * replay inputs, signed like a real sender, then altered as a test needs. For core's own tests
 * (core cannot depend on webriskops-webhooks-testing, whose {@code Deliveries} is the published form
 * of this class) and for the store contracts of core's test-jar.
 */
public final class TestDeliveries {
    /** The secret most tests sign and verify with. */
    public static final String SECRET_TEXT = "whsec_test_secret_never_logged";

    public static final WebhookSecret SECRET = WebhookSecret.of(SECRET_TEXT);

    /** A fixed "now" for receivers built with a fixed clock. */
    public static final Instant NOW = Instant.ofEpochSecond(1_766_203_200L);

    private TestDeliveries() {}

    /** The documentation's example payload, byte for byte. */
    public static byte[] examplePayload() {
        try (InputStream in = TestDeliveries.class.getResourceAsStream("/test-vectors/ticket-export-example.json")) {
            return Objects.requireNonNull(in, "test-vectors/ticket-export-example.json")
                    .readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documentation's example ticket export, ready to send, under {@code idempotencyKey}. */
    public static ExportRequest exampleExport(String idempotencyKey) {
        try {
            TicketExportWebhook example = WebhookJson.mapper().readValue(examplePayload(), TicketExportWebhook.class);
            return new ExportRequest(
                    idempotencyKey,
                    example.account().id(),
                    example.account().projectId(),
                    example.ticketExport(),
                    example.renderedBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documentation's example ticket export with {@code renderedText} as its rendered body. */
    public static ExportRequest exampleExport(String idempotencyKey, String renderedText) {
        ExportRequest example = exampleExport(idempotencyKey);
        return new ExportRequest(
                idempotencyKey,
                example.accountId(),
                example.projectId(),
                example.ticketExport(),
                new com.webriskops.webhooks.payload.RenderedBody(
                        example.renderedBody().format(),
                        renderedText,
                        example.renderedBody().sections()));
    }

    /** A builder for a delivery signed with {@link #SECRET} at {@link #NOW}. */
    public static Builder delivery() {
        return new Builder();
    }

    /** An HTTP request: ordered headers (a name may repeat) and body bytes. */
    public record Request(Map<String, List<String>> headers, byte[] body) {
        public String idempotencyKey() {
            return headers.get(WebhookHeaders.IDEMPOTENCY_KEY).get(0);
        }

        public String nonce() {
            return headers.get(WebhookHeaders.NONCE).get(0);
        }

        @Override
        public String toString() {
            return "Request[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
        }
    }

    /** Builds one WebRiskOps {@link Request}. Not thread-safe. */
    public static final class Builder extends TestDeliveryBuilder<Builder> {
        private String nonce = "n-" + UUID.randomUUID();
        private String idempotencyKey = "export-" + UUID.randomUUID();
        private int attempt = 1;

        private Builder() {}

        public Builder nonce(String nonce) {
            this.nonce = nonce;
            return this;
        }

        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey;
            return this;
        }

        public Builder attempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        @Override
        protected ObjectNode payload(Instant timestamp) {
            try {
                ObjectNode json = (ObjectNode) WebhookJson.mapper().readTree(examplePayload());
                json.put("idempotency_key", idempotencyKey);
                json.put("attempt", attempt);
                ObjectNode replay = (ObjectNode) json.get("replay_protection");
                replay.put("timestamp", Long.toString(timestamp.getEpochSecond()));
                replay.put("nonce", nonce);
                return json;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected Map<String, List<String>> signedHeaders(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
            String ts = Long.toString(timestamp.getEpochSecond());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put(WebhookHeaders.CONTENT_TYPE, List.of("application/json"));
            headers.put(WebhookHeaders.EVENT, List.of("ticket_export.requested"));
            headers.put(WebhookHeaders.SCHEMA, List.of("ticket-export.webhook.v1"));
            headers.put(WebhookHeaders.IDEMPOTENCY_KEY, List.of(idempotencyKey));
            headers.put(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, List.of(idempotencyKey));
            headers.put(WebhookHeaders.TIMESTAMP, List.of(ts));
            headers.put(WebhookHeaders.NONCE, List.of(nonce));
            headers.put(WebhookHeaders.SIGNATURE, List.of(WebhookSignatures.sign(secrets, ts, nonce, body)));
            return headers;
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
