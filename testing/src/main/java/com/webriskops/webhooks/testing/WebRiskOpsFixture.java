package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** The WebRiskOps scheme (the default) for the conformance suite: deliveries from {@link Deliveries}. */
public final class WebRiskOpsFixture implements SchemeFixture {
    /** The fixture; it holds no state. */
    public static final WebRiskOpsFixture INSTANCE = new WebRiskOpsFixture();

    private WebRiskOpsFixture() {}

    @Override
    public WebhookReceiver.Builder<?> receiver(List<WebhookSecret> secrets) {
        return WebhookReceiver.builder().secrets(secrets);
    }

    @Override
    public Deliveries.WebRiskOpsBuilder delivery() {
        return Deliveries.webRiskOps();
    }

    @Override
    public Deliveries.WebRiskOpsBuilder retry(String key, int attempt) {
        return Deliveries.webRiskOps().idempotencyKey(key).attempt(attempt);
    }

    @Override
    public String idempotencyKey(SignedDelivery request) {
        return request.idempotencyKey();
    }

    @Override
    public String replayId(SignedDelivery request) {
        return request.nonce();
    }

    @Override
    public int attemptSeen(int attempt) {
        return attempt;
    }

    /** The ticket export's title. */
    @Override
    public String summary(VerifiedDelivery<?> delivery) {
        return delivery.payload(TicketExportWebhook.class).ticketExport().title();
    }

    @Override
    public String defaultSummary() {
        return "Fix checkout validation state";
    }

    @Override
    public Consumer<ObjectNode> summaryIs(String text) {
        return json -> json.withObjectProperty("ticket_export").put("title", text);
    }

    @Override
    public Consumer<ObjectNode> unknownMembers() {
        return json -> {
            json.put("added_in_v1_1", true);
            json.withObjectProperty("ticket_export").putObject("future").put("x", 1);
        };
    }

    /** Headers and body disagreeing, required fields missing, values outside their enumerations. */
    @Override
    public List<Invalid> invalidPayloads() {
        return List.of(
                Invalid.listing(
                        "schema header of another version",
                        delivery().header(WebhookHeaders.SCHEMA, "ticket-export.webhook.v2"),
                        WebhookHeaders.SCHEMA),
                Invalid.listing(
                        "event header of another event",
                        delivery().header(WebhookHeaders.EVENT, "ticket.created"),
                        WebhookHeaders.EVENT),
                Invalid.listing(
                        "schema and event in the body differ from the headers",
                        delivery()
                                .editJson(json -> json.put("schema_version", "ticket-export.webhook.v0")
                                        .put("event", "other")),
                        "schema_version",
                        "event"),
                Invalid.listing(
                        "idempotency key and replay inputs in the body differ from the headers",
                        delivery().editJson(json -> {
                            json.put("idempotency_key", "another-key");
                            json.withObjectProperty("replay_protection").put("timestamp", "1766203100");
                            json.withObjectProperty("replay_protection").put("nonce", "another-nonce");
                            json.withObjectProperty("replay_protection").put("signature_header", "X-Other");
                        }),
                        "idempotency_key",
                        "replay_protection.timestamp",
                        "replay_protection.nonce",
                        "replay_protection.signature_header"),
                Invalid.listing(
                        "generic idempotency header differs",
                        delivery().header(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, "different"),
                        WebhookHeaders.GENERIC_IDEMPOTENCY_KEY),
                Invalid.listing(
                        "required fields missing",
                        delivery().editJson(json -> {
                            json.withObjectProperty("ticket_export").remove("title");
                            json.remove("account");
                        }),
                        "ticket_export.title",
                        "account"),
                Invalid.listingOnly(
                        "unknown provider key",
                        delivery()
                                .editJson(json ->
                                        json.withObjectProperty("target").put("provider_key", "ftp_upload")),
                        "target.provider_key"),
                Invalid.listingOnly("attempt 0", delivery().editJson(json -> json.put("attempt", 0)), "attempt"));
    }

    @Override
    public Consumer<ObjectNode> requiredMemberRemoved() {
        return json -> json.remove("target");
    }

    @Override
    public byte[] tampered(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .replace("\"high\"", "\"low\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String signatureHeader() {
        return WebhookHeaders.SIGNATURE;
    }

    /** A timestamp with a fraction; a nonce with the separator of the signed message. */
    @Override
    public List<DeliveryBuilder<?>> malformedSignatures() {
        return List.of(
                delivery().header(WebhookHeaders.TIMESTAMP, "1766203200.5"),
                delivery().header(WebhookHeaders.NONCE, "has.dot"));
    }

    /** The header value and its hex digits. */
    @Override
    public List<String> signatureParts(SignedDelivery request) {
        String signature = request.headers().get(WebhookHeaders.SIGNATURE).get(0);
        return List.of(signature, signature.substring("sha256=".length()));
    }

    @Override
    public String toString() {
        return "WebRiskOps";
    }
}
