package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import com.webriskops.webhooks.vicket.VicketScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Signed deliveries of every scheme the kit ships, for tests: {@link #webRiskOps()} (the default
 * scheme, ticket-export.webhook.v1), {@link #vicket()} and {@link #standardWebhooks()}. Each builder
 * signs like a real sender, with fresh replay inputs per builder, and can make the delivery tampered,
 * stale or signed with several secrets (see {@link DeliveryBuilder}):
 *
 * <pre>{@code
 * SignedDelivery valid = Deliveries.webRiskOps().signedWith(secret).timestamp(Instant.now()).build();
 * SignedDelivery tampered = Deliveries.webRiskOps().signedWith(secret).timestamp(Instant.now()).tampered().build();
 * }</pre>
 *
 * <p>Thread-safe (the builders it returns are not).
 */
public final class Deliveries {
    /** The text of {@link #SECRET}. A test value: never use it for a real endpoint. */
    public static final String SECRET_TEXT = "whsec_test_secret_never_logged";

    /** The secret deliveries are signed with unless {@link DeliveryBuilder#signedWith} says otherwise. */
    public static final WebhookSecret SECRET = WebhookSecret.of(SECRET_TEXT);

    /**
     * The Standard Webhooks form ({@code whsec_} and base64) of {@link #SECRET}'s bytes: a Standard
     * Webhooks receiver configured with it verifies deliveries signed with {@link #SECRET}.
     */
    public static final String STANDARD_WEBHOOKS_SECRET =
            "whsec_" + Base64.getEncoder().encodeToString(SECRET_TEXT.getBytes(StandardCharsets.UTF_8));

    /** The fixed "now" deliveries are signed at by default; build receivers with a clock fixed at it. */
    public static final Instant NOW = Instant.ofEpochSecond(1_766_203_200L);

    /** The {@code event} of the Vicket deliveries: the documentation's example. */
    public static final String VICKET_EVENT = "ticket.status_changed";

    private static final String EXAMPLE = "ticket-export-example.json";

    private Deliveries() {}

    /** A WebRiskOps delivery: the documentation's example ticket export, with a new nonce and key. */
    public static WebRiskOpsBuilder webRiskOps() {
        return new WebRiskOpsBuilder();
    }

    /** A Vicket delivery: the documentation's envelope with a new {@code id}, occurred when signed. */
    public static VicketBuilder vicket() {
        return new VicketBuilder();
    }

    /**
     * A Standard Webhooks delivery: an {@code invoice.paid} JSON event (replace it with {@link
     * DeliveryBuilder#rawBody} or {@link DeliveryBuilder#editJson}) with a new {@code webhook-id}.
     */
    public static StandardWebhooksBuilder standardWebhooks() {
        return new StandardWebhooksBuilder();
    }

    /**
     * The secret a Standard Webhooks sender signs with for a {@code whsec_} secret: the bytes its base64
     * holds, for {@link DeliveryBuilder#signedWith}.
     *
     * @throws IllegalArgumentException if {@code whsec} is not {@code whsec_} and base64 (the message
     *     never holds the secret)
     */
    public static WebhookSecret standardWebhooksSecret(String whsec) {
        Objects.requireNonNull(whsec, "whsec");
        if (!whsec.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        try {
            return WebhookSecret.ofBytes(Base64.getDecoder().decode(whsec.substring("whsec_".length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Standard Webhooks secret is whsec_ and base64", null);
        }
    }

    /** The documentation's example payload, byte for byte. */
    public static byte[] examplePayload() {
        try (InputStream in = Deliveries.class.getResourceAsStream(EXAMPLE)) {
            return Objects.requireNonNull(in, EXAMPLE).readAllBytes();
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

    /** The signature header of a built Vicket delivery ({@code X-Vicket-Signature}). */
    public static String vicketSignature(SignedDelivery delivery) {
        return Objects.requireNonNull(delivery.header(VicketScheme.SIGNATURE_HEADER), VicketScheme.SIGNATURE_HEADER);
    }

    /** Builds one WebRiskOps delivery. Not thread-safe. */
    public static final class WebRiskOpsBuilder extends DeliveryBuilder<WebRiskOpsBuilder> {
        private String nonce = "n-" + UUID.randomUUID();
        private String idempotencyKey = "export-" + UUID.randomUUID();
        private int attempt = 1;

        private WebRiskOpsBuilder() {}

        /** The replay nonce, in the header and the body (new for every attempt). */
        public WebRiskOpsBuilder nonce(String nonce) {
            this.nonce = Objects.requireNonNull(nonce, "nonce");
            return this;
        }

        /** The idempotency key, in both headers and the body (the same for every attempt). */
        public WebRiskOpsBuilder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            return this;
        }

        /** The attempt number in the body, from 1. */
        public WebRiskOpsBuilder attempt(int attempt) {
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

        /** The ticket's severity lowered from {@code high} to {@code low}. */
        @Override
        protected byte[] tamper(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.contains("\"high\"")
                    ? text.replace("\"high\"", "\"low\"").getBytes(StandardCharsets.UTF_8)
                    : super.tamper(body);
        }

        @Override
        protected WebRiskOpsBuilder self() {
            return this;
        }
    }

    /** Builds one Vicket delivery, signed by {@link VicketScheme#sign}. Not thread-safe. */
    public static final class VicketBuilder extends DeliveryBuilder<VicketBuilder> {
        private String id = "9f2c1b7e-" + UUID.randomUUID();

        private VicketBuilder() {}

        /** The body's {@code id}, the duplicate-guard key. */
        public VicketBuilder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        @Override
        protected ObjectNode payload(Instant timestamp) {
            ObjectNode json = WebhookJson.mapper().createObjectNode();
            json.put("id", id);
            json.put("event", VICKET_EVENT);
            // When it happened: as a real sender, the moment it signs (older events than the duplicate
            // guard's retention are refused).
            json.put("occurred_at", timestamp.toString());
            ObjectNode data = json.putObject("data");
            data.putObject("ticket").put("id", "tk_1001").putObject("status").put("category", "resolved");
            data.put("message", "Ticket resolved by the on-call agent.");
            return json;
        }

        @Override
        protected Map<String, List<String>> signedHeaders(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
            return VicketScheme.ofDefaults().sign(secrets, timestamp, body);
        }

        /** The ticket's status changed from {@code resolved} to {@code reopened}. */
        @Override
        protected byte[] tamper(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.contains("resolved")
                    ? text.replace("resolved", "reopened").getBytes(StandardCharsets.UTF_8)
                    : super.tamper(body);
        }

        @Override
        protected VicketBuilder self() {
            return this;
        }
    }

    /**
     * Builds one Standard Webhooks delivery: one {@code v1} signature per secret (sign with {@link
     * #STANDARD_WEBHOOKS_SECRET}'s bytes by default, or {@link #standardWebhooksSecret} of yours), then one
     * {@code v1a} per {@linkplain #signingKey signing key}. Not thread-safe.
     */
    public static final class StandardWebhooksBuilder extends DeliveryBuilder<StandardWebhooksBuilder> {
        private String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        private final List<String> signingKeys = new ArrayList<>();
        private byte[] event;

        private StandardWebhooksBuilder() {}

        /** The {@code webhook-id}: the same for every attempt of one message. */
        public StandardWebhooksBuilder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * The JSON object the delivery carries (your application's own event) instead of the {@code
         * invoice.paid} example; {@link #editJson} edits apply to it.
         *
         * @throws IllegalArgumentException if {@code json} is not a JSON object
         */
        public StandardWebhooksBuilder event(byte[] json) {
            try {
                if (!(WebhookJson.mapper().readTree(Objects.requireNonNull(json, "json")) instanceof ObjectNode)) {
                    throw new IllegalArgumentException("the event must be a JSON object");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("the event must be a JSON object", e);
            }
            this.event = json.clone();
            return this;
        }

        /** Adds a {@code v1a} (Ed25519) signature with this {@code whsk_} signing key. */
        public StandardWebhooksBuilder signingKey(String whsk) {
            signingKeys.add(Objects.requireNonNull(whsk, "whsk"));
            return this;
        }

        @Override
        protected ObjectNode payload(Instant timestamp) {
            if (event != null) {
                try {
                    return (ObjectNode) WebhookJson.mapper().readTree(event);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            ObjectNode json = WebhookJson.mapper().createObjectNode();
            json.put("type", "invoice.paid");
            json.put("amount", 4200);
            json.put("note", "paid in full");
            return json;
        }

        @Override
        protected Map<String, List<String>> signedHeaders(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
            String ts = Long.toString(timestamp.getEpochSecond());
            List<String> signatures = new ArrayList<>();
            byte[] signedPrefix = (id + "." + ts + ".").getBytes(StandardCharsets.UTF_8);
            for (WebhookSecret secret : secrets) {
                signatures.add("v1," + Base64.getEncoder().encodeToString(secret.hmacSha256(signedPrefix, body)));
            }
            if (!signingKeys.isEmpty()) {
                StandardWebhooksScheme.Builder<byte[]> signer = StandardWebhooksScheme.builder();
                signingKeys.forEach(signer::signingKey);
                signatures.add(signer.build()
                        .sign(id, timestamp, body)
                        .get(StandardWebhooksScheme.SIGNATURE_HEADER)
                        .get(0));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put(WebhookHeaders.CONTENT_TYPE, List.of("application/json"));
            headers.put(StandardWebhooksScheme.ID_HEADER, List.of(id));
            headers.put(StandardWebhooksScheme.TIMESTAMP_HEADER, List.of(ts));
            headers.put(StandardWebhooksScheme.SIGNATURE_HEADER, List.of(String.join(" ", signatures)));
            return headers;
        }

        @Override
        protected StandardWebhooksBuilder self() {
            return this;
        }
    }
}
