package com.webriskops.webhooks.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.internal.PayloadReader;
import com.webriskops.webhooks.receiver.spi.PayloadCheck;
import com.webriskops.webhooks.receiver.spi.SignatureCheck;
import com.webriskops.webhooks.receiver.spi.SignatureContext;
import com.webriskops.webhooks.receiver.spi.WebhookScheme;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The WebRiskOps {@code ticket-export.webhook.v1} scheme, the {@link WebhookReceiver}'s default:
 * {@code X-WebRiskOps-Timestamp}, {@code -Nonce} and {@code -Signature} ({@link WebhookSignatures}),
 * the {@link TicketExportWebhook} payload whose schema, event, idempotency key and replay inputs must
 * agree with the headers, the nonce as replay id and the idempotency key as duplicate-guard key.
 * Immutable and thread-safe.
 */
public final class WebRiskOpsScheme implements WebhookScheme<TicketExportWebhook> {
    private static final WebRiskOpsScheme INSTANCE = new WebRiskOpsScheme();

    private WebRiskOpsScheme() {}

    /** The scheme; it has no settings (secrets, clock and tolerance are the receiver's). */
    public static WebRiskOpsScheme ofDefaults() {
        return INSTANCE;
    }

    /** {@value WebhookProtocol#SCHEMA_VERSION}. */
    @Override
    public String name() {
        return WebhookProtocol.SCHEMA_VERSION;
    }

    @Override
    public Class<TicketExportWebhook> payloadType() {
        return TicketExportWebhook.class;
    }

    @Override
    public SignatureCheck verifySignature(InboundRequest request, byte[] body, SignatureContext context) {
        String timestamp = single(request, WebhookHeaders.TIMESTAMP);
        String nonce = single(request, WebhookHeaders.NONCE);
        String signature = joined(request, WebhookHeaders.SIGNATURE);
        if (timestamp == null || nonce == null || signature == null) {
            return SignatureCheck.invalid("The " + WebhookHeaders.TIMESTAMP + ", " + WebhookHeaders.NONCE + " and "
                    + WebhookHeaders.SIGNATURE + " headers are required, each once.");
        }
        if (!WebhookProtocol.isValidTimestamp(timestamp)) {
            return SignatureCheck.invalid(WebhookHeaders.TIMESTAMP + " must be Unix seconds in digits.");
        }
        if (!WebhookProtocol.isValidNonce(nonce)) {
            return SignatureCheck.invalid(WebhookHeaders.NONCE + " is not well formed.");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (!context.isWithinTolerance(signedAt)) {
            return SignatureCheck.invalid(WebhookHeaders.TIMESTAMP + " is outside the accepted window of "
                    + context.tolerance().toSeconds() + " seconds.");
        }
        List<WebhookSecret> secrets = context.secrets();
        if (secrets.isEmpty() || !WebhookSignatures.verify(secrets, signature, timestamp, nonce, body)) {
            return SignatureCheck.invalid("The signature does not match.");
        }
        return SignatureCheck.valid(signedAt, nonce);
    }

    @Override
    public PayloadCheck<TicketExportWebhook> readPayload(InboundRequest request, byte[] body) {
        PayloadReader.Result<TicketExportWebhook> read =
                PayloadReader.read(body, TicketExportWebhook.class, WebhookProtocol.SCHEMA_VERSION);
        if (read.syntaxError() != null) {
            return new PayloadCheck.Malformed<>(read.syntaxError());
        }
        List<Violation> violations = new ArrayList<>(read.violations());
        checkAgreement(request, read.payload(), violations);
        if (!violations.isEmpty()) {
            return new PayloadCheck.Invalid<>(violations);
        }
        return new PayloadCheck.Valid<>(Objects.requireNonNull(read.payload()));
    }

    @Override
    public String idempotencyKey(TicketExportWebhook payload) {
        return payload.idempotencyKey();
    }

    @Override
    public int attempt(TicketExportWebhook payload) {
        return payload.attempt();
    }

    /**
     * The headers of a {@code ticket-export.webhook.v1} delivery of {@code body}: the body carries its
     * own signing inputs ({@code idempotency_key}, {@code replay_protection.timestamp} and {@code
     * .nonce}), which the headers repeat.
     *
     * @throws IllegalArgumentException if the body is not a JSON object carrying those members, its
     *     timestamp is not {@code timestamp}, or a secret count or input is out of range
     */
    @Override
    public Map<String, List<String>> sign(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        JsonNode json;
        try {
            json = WebhookJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("body must be a ticket-export.webhook.v1 JSON object", e);
        }
        String key = text(json, "idempotency_key");
        String ts = text(json.path("replay_protection"), "timestamp");
        String nonce = text(json.path("replay_protection"), "nonce");
        if (key == null || ts == null || nonce == null) {
            throw new IllegalArgumentException(
                    "body must carry idempotency_key, replay_protection.timestamp and replay_protection.nonce");
        }
        if (!ts.equals(Long.toString(timestamp.getEpochSecond()))) {
            throw new IllegalArgumentException("replay_protection.timestamp must be the signing timestamp");
        }
        if (!WebhookProtocol.isValidIdempotencyKey(key)) {
            throw new IllegalArgumentException("idempotency_key must be 1 to "
                    + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters");
        }
        String signature = WebhookSignatures.sign(secrets, ts, nonce, body);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put(WebhookHeaders.CONTENT_TYPE, List.of("application/json"));
        headers.put(WebhookHeaders.EVENT, List.of(WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED));
        headers.put(WebhookHeaders.SCHEMA, List.of(WebhookProtocol.SCHEMA_VERSION));
        headers.put(WebhookHeaders.IDEMPOTENCY_KEY, List.of(key));
        headers.put(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, List.of(key));
        headers.put(WebhookHeaders.TIMESTAMP, List.of(ts));
        headers.put(WebhookHeaders.NONCE, List.of(nonce));
        headers.put(WebhookHeaders.SIGNATURE, List.of(signature));
        return headers;
    }

    @Nullable
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static void checkAgreement(
            InboundRequest request, @Nullable TicketExportWebhook webhook, List<Violation> violations) {
        // Only called once the signature held, so both headers are present, once, and well formed.
        String timestamp = Objects.requireNonNull(single(request, WebhookHeaders.TIMESTAMP));
        String nonce = Objects.requireNonNull(single(request, WebhookHeaders.NONCE));
        String schemaHeader = single(request, WebhookHeaders.SCHEMA);
        if (!WebhookProtocol.SCHEMA_VERSION.equals(schemaHeader)) {
            violations.add(new Violation(WebhookHeaders.SCHEMA, "must be " + WebhookProtocol.SCHEMA_VERSION));
        }
        String eventHeader = single(request, WebhookHeaders.EVENT);
        if (!WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED.equals(eventHeader)) {
            violations.add(
                    new Violation(WebhookHeaders.EVENT, "must be " + WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED));
        }
        String keyHeader = single(request, WebhookHeaders.IDEMPOTENCY_KEY);
        if (keyHeader == null || !WebhookProtocol.isValidIdempotencyKey(keyHeader)) {
            violations.add(new Violation(
                    WebhookHeaders.IDEMPOTENCY_KEY,
                    "is required: 1 to " + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters"));
        }
        List<String> genericKeys = request.headers(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY);
        if (genericKeys.size() > 1
                || (genericKeys.size() == 1 && !genericKeys.get(0).equals(keyHeader))) {
            violations.add(new Violation(
                    WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, "must equal " + WebhookHeaders.IDEMPOTENCY_KEY));
        }
        if (webhook == null) {
            return;
        }
        if (webhook.schemaVersion() != null && !WebhookProtocol.SCHEMA_VERSION.equals(webhook.schemaVersion())) {
            violations.add(new Violation("schema_version", "must be " + WebhookProtocol.SCHEMA_VERSION));
        }
        if (webhook.event() != null && !WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED.equals(webhook.event())) {
            violations.add(new Violation("event", "must be " + WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED));
        }
        if (webhook.idempotencyKey() != null && keyHeader != null && !keyHeader.equals(webhook.idempotencyKey())) {
            violations.add(new Violation("idempotency_key", "must equal " + WebhookHeaders.IDEMPOTENCY_KEY));
        }
        TicketExportWebhook.ReplayProtection replay = webhook.replayProtection();
        if (replay != null) {
            if (replay.timestamp() != null && !timestamp.equals(replay.timestamp())) {
                violations.add(new Violation("replay_protection.timestamp", "must equal " + WebhookHeaders.TIMESTAMP));
            }
            if (replay.nonce() != null && !nonce.equals(replay.nonce())) {
                violations.add(new Violation("replay_protection.nonce", "must equal " + WebhookHeaders.NONCE));
            }
            if (replay.signatureHeader() != null
                    && !WebhookHeaders.SIGNATURE.equalsIgnoreCase(replay.signatureHeader())) {
                violations.add(
                        new Violation("replay_protection.signature_header", "must be " + WebhookHeaders.SIGNATURE));
            }
        }
    }

    /** The header's value when it occurs exactly once, else null. */
    @Nullable
    static String single(InboundRequest request, String name) {
        List<String> values = request.headers(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    /** All values of a list-valued header joined with commas, or null when absent. */
    @Nullable
    private static String joined(InboundRequest request, String name) {
        List<String> values = request.headers(name);
        return values.isEmpty() ? null : String.join(",", values);
    }

    @Override
    public String toString() {
        return "WebRiskOpsScheme[" + WebhookProtocol.SCHEMA_VERSION + "]";
    }
}
