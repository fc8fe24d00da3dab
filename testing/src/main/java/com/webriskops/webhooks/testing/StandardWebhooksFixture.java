package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The Standard Webhooks scheme for the conformance suites: deliveries from {@link
 * Deliveries#standardWebhooks()} carrying the application's own JSON event, signed with one {@code
 * whsec_} secret. The kit imposes no schema on Standard Webhooks payloads, so it lists no invalid
 * payloads; the application's reader decides. Immutable and thread-safe.
 */
public final class StandardWebhooksFixture implements SchemeFixture {
    private final String whsec;
    private final byte[] event;

    private StandardWebhooksFixture(String whsec, byte[] event) {
        this.whsec = whsec;
        this.event = event;
    }

    /**
     * The scheme as an endpoint verifying with {@code whsec} receives it, with {@code event} a JSON
     * object its application accepts (sent as is, or with members added or changed by a case).
     *
     * @throws IllegalArgumentException if {@code whsec} is not {@code whsec_} and base64, or {@code event}
     *     is not a JSON object
     */
    public static StandardWebhooksFixture of(String whsec, byte[] event) {
        Deliveries.standardWebhooksSecret(whsec);
        try {
            if (!(WebhookJson.mapper().readTree(Objects.requireNonNull(event, "event")) instanceof ObjectNode)) {
                throw new IllegalArgumentException("event must be a JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("event must be a JSON object", e);
        }
        return new StandardWebhooksFixture(whsec, event.clone());
    }

    /** The secret deliveries are signed with: the bytes of the {@code whsec_} secret. */
    WebhookSecret secret() {
        return Deliveries.standardWebhooksSecret(whsec);
    }

    /** A receiver holding the fixture's {@code whsec_} secret (the scheme holds its own keys). */
    @Override
    public WebhookReceiver.Builder<?> receiver(List<WebhookSecret> secrets) {
        return WebhookReceiver.builder(
                StandardWebhooksScheme.builder(ObjectNode.class).secret(whsec).build());
    }

    @Override
    public Deliveries.StandardWebhooksBuilder delivery() {
        return Deliveries.standardWebhooks().event(event).signedWith(secret());
    }

    /** The same {@code webhook-id}: a provider's retry of one message. */
    @Override
    public Deliveries.StandardWebhooksBuilder retry(String key, int attempt) {
        return delivery().id(key);
    }

    /** The {@code webhook-id}. */
    @Override
    public String idempotencyKey(SignedDelivery request) {
        return Objects.requireNonNull(request.header(StandardWebhooksScheme.ID_HEADER));
    }

    /** {@code swh.<timestamp>.<id>}. */
    @Override
    public String replayId(SignedDelivery request) {
        return "swh." + request.header(StandardWebhooksScheme.TIMESTAMP_HEADER) + "." + idempotencyKey(request);
    }

    /** Standard Webhooks numbers no attempts. */
    @Override
    public int attemptSeen(int attempt) {
        return 0;
    }

    /** The body's {@code note} member. */
    @Override
    public String summary(VerifiedDelivery<?> delivery) {
        try {
            return WebhookJson.mapper()
                    .readTree(delivery.rawBody())
                    .path("note")
                    .asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String defaultSummary() {
        try {
            return WebhookJson.mapper().readTree(event).path("note").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a {@code note} member. */
    @Override
    public Consumer<ObjectNode> summaryIs(String text) {
        return json -> json.put("note", text);
    }

    @Override
    public Consumer<ObjectNode> unknownMembers() {
        return json -> json.put("added_later", true).putObject("added_object").put("x", 1);
    }

    /** None: the application's reader decides what is valid. */
    @Override
    public List<Invalid> invalidPayloads() {
        return List.of();
    }

    /** Removes every member. */
    @Override
    public Consumer<ObjectNode> requiredMemberRemoved() {
        return ObjectNode::removeAll;
    }

    /** A space added after the opening brace: no JSON value changes, the signed bytes do. */
    @Override
    public byte[] tampered(byte[] body) {
        byte[] changed = new byte[body.length + 1];
        changed[0] = body.length == 0 ? (byte) '{' : body[0];
        changed[1] = ' ';
        if (body.length > 1) {
            System.arraycopy(body, 1, changed, 2, body.length - 1);
        }
        return changed;
    }

    @Override
    public String signatureHeader() {
        return StandardWebhooksScheme.SIGNATURE_HEADER;
    }

    /** A signature without its version; a timestamp with a leading zero; an id with a dot. */
    @Override
    public List<DeliveryBuilder<?>> malformedSignatures() {
        return List.of(
                delivery().header(StandardWebhooksScheme.SIGNATURE_HEADER, "c2lnbmF0dXJlLXdpdGhvdXQtdmVyc2lvbg=="),
                delivery().header(StandardWebhooksScheme.TIMESTAMP_HEADER, "0" + Deliveries.NOW.getEpochSecond()),
                delivery().id("msg.with.dots"));
    }

    /** The header value and its base64 digests. */
    @Override
    public List<String> signatureParts(SignedDelivery request) {
        String header = Objects.requireNonNull(request.header(StandardWebhooksScheme.SIGNATURE_HEADER));
        List<String> parts = new java.util.ArrayList<>(List.of(header));
        for (String signature : header.split(" ")) {
            parts.add(signature.substring(signature.indexOf(',') + 1));
        }
        return parts;
    }

    @Override
    public String toString() {
        return "Standard Webhooks";
    }
}
