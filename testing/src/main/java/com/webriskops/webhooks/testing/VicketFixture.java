package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Vicket scheme for the conformance suite: deliveries from {@link Deliveries}. Vicket numbers
 * no attempts and signs no nonce, so a retry is the same envelope signed again at a later {@code t}.
 */
public final class VicketFixture implements SchemeFixture {
    /** The fixture; it holds no state. */
    public static final VicketFixture INSTANCE = new VicketFixture();

    private VicketFixture() {}

    @Override
    public WebhookReceiver.Builder<?> receiver(List<WebhookSecret> secrets) {
        return WebhookReceiver.builder(VicketScheme.ofDefaults()).secrets(secrets);
    }

    @Override
    public Deliveries.VicketBuilder delivery() {
        return Deliveries.vicket();
    }

    /** Signed {@code attempt - 1} seconds after {@link Deliveries#NOW}, so each try is a new message. */
    @Override
    public Deliveries.VicketBuilder retry(String key, int attempt) {
        return Deliveries.vicket().id(key).timestamp(NOW.plusSeconds(attempt - 1L));
    }

    /** The body's {@code id}. */
    @Override
    public String idempotencyKey(SignedDelivery request) {
        try {
            return WebhookJson.mapper().readTree(request.body()).path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code vicket.<t>.<SHA-256 of the body>}, as {@link VicketScheme} documents it. */
    @Override
    public String replayId(SignedDelivery request) {
        String t = Deliveries.vicketSignature(request).replaceAll(".*t=([0-9]+).*", "$1");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(request.body());
            return "vicket." + t + "." + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int attemptSeen(int attempt) {
        return 0;
    }

    /** The envelope's {@code event}. */
    @Override
    public String summary(VerifiedDelivery<?> delivery) {
        return delivery.payload(VicketWebhook.class).event();
    }

    @Override
    public String defaultSummary() {
        return Deliveries.VICKET_EVENT;
    }

    @Override
    public Consumer<ObjectNode> summaryIs(String text) {
        return json -> json.put("event", text);
    }

    @Override
    public Consumer<ObjectNode> unknownMembers() {
        return json -> json.put("added_later", true).withObjectProperty("data").put("x", 1);
    }

    /** The envelope's {@code id}, {@code event} and {@code occurred_at} missing or malformed. */
    @Override
    public List<Invalid> invalidPayloads() {
        return List.of(
                Invalid.listingOnly("id missing", delivery().editJson(json -> json.remove("id")), "id"),
                Invalid.listingOnly("id empty", delivery().id(""), "id"),
                Invalid.listingOnly("id of 256 characters", delivery().id("x".repeat(256)), "id"),
                Invalid.listingOnly("id not ASCII", delivery().id("évènement"), "id"),
                Invalid.listingOnly("id not text", delivery().editJson(json -> json.putObject("id")), "id"),
                Invalid.listingOnly("event missing", delivery().editJson(json -> json.remove("event")), "event"),
                Invalid.listingOnly(
                        "occurred_at not a time",
                        delivery().editJson(json -> json.put("occurred_at", "yesterday")),
                        "occurred_at"),
                Invalid.listingOnly(
                        "occurred_at without an offset",
                        delivery().editJson(json -> json.put("occurred_at", "2026-05-23T14:21:11")),
                        "occurred_at"));
    }

    @Override
    public Consumer<ObjectNode> requiredMemberRemoved() {
        return json -> json.remove("id");
    }

    @Override
    public byte[] tampered(byte[] body) {
        return new String(body, StandardCharsets.UTF_8)
                .replace("resolved", "reopened")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String signatureHeader() {
        return VicketScheme.SIGNATURE_HEADER;
    }

    /** No {@code t}; an algorithm other than {@code hmac-sha256}. */
    @Override
    public List<DeliveryBuilder<?>> malformedSignatures() {
        String v1 = v1(delivery().build());
        return List.of(
                delivery().header(VicketScheme.SIGNATURE_HEADER, "hmac-sha256, v1=" + v1),
                delivery().header(VicketScheme.SIGNATURE_HEADER, "sha1, t=" + NOW.getEpochSecond() + ", v1=" + v1));
    }

    /** The header value and its {@code v1} digits. */
    @Override
    public List<String> signatureParts(SignedDelivery request) {
        return List.of(Deliveries.vicketSignature(request), v1(request));
    }

    private static String v1(SignedDelivery request) {
        return Deliveries.vicketSignature(request).replaceAll(".*v1=", "");
    }

    @Override
    public String toString() {
        return "Vicket";
    }
}
