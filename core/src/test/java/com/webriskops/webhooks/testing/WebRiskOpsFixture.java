package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** The WebRiskOps scheme (the default) for the conformance suite: deliveries from {@link TestDeliveries}. */
public final class WebRiskOpsFixture implements SchemeFixture {
    /** The fixture; it holds no state. */
    public static final WebRiskOpsFixture INSTANCE = new WebRiskOpsFixture();

    private WebRiskOpsFixture() {}

    @Override
    public WebhookReceiver.Builder receiver() {
        return WebhookReceiver.builder();
    }

    @Override
    public TestDeliveries.Builder delivery() {
        return TestDeliveries.delivery();
    }

    @Override
    public TestDeliveries.Builder retry(String key, int attempt) {
        return TestDeliveries.delivery().idempotencyKey(key).attempt(attempt);
    }

    @Override
    public String idempotencyKey(TestDeliveries.Request request) {
        return request.idempotencyKey();
    }

    @Override
    public String replayId(TestDeliveries.Request request) {
        return request.nonce();
    }

    @Override
    public int attemptSeen(int attempt) {
        return attempt;
    }

    /** The ticket export's title. */
    @Override
    public String summary(VerifiedDelivery delivery) {
        return delivery.webhook().ticketExport().title();
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
    public List<TestDeliveries.Request> malformedSignatures() {
        return List.of(
                delivery().header(WebhookHeaders.TIMESTAMP, "1766203200.5").build(),
                delivery().header(WebhookHeaders.NONCE, "has.dot").build());
    }

    /** The header value and its hex digits. */
    @Override
    public List<String> signatureParts(TestDeliveries.Request request) {
        String signature = request.headers().get(WebhookHeaders.SIGNATURE).get(0);
        return List.of(signature, signature.substring("sha256=".length()));
    }

    @Override
    public String toString() {
        return "WebRiskOps";
    }
}
