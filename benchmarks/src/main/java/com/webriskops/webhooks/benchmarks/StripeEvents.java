package com.webriskops.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe events of an exact size for B2's peer: a {@code charge.succeeded} event shaped as Stripe
 * sends it, its charge's description padded, and the {@code Stripe-Signature} header Stripe would send
 * ({@code t=...,v1=} HMAC-SHA256 of {@code t.payload}).
 */
final class StripeEvents {
    private static final String PAD = "PADDING";
    private static final String TEMPLATE = "{\"id\":\"evt_3PqgSdLkdIwHu7ix0Vb3cK9v\",\"object\":\"event\","
            + "\"api_version\":\"2024-06-20\",\"created\":1724000000,\"data\":{\"object\":{"
            + "\"id\":\"ch_3PqgSdLkdIwHu7ix0YgXLkTo\",\"object\":\"charge\",\"amount\":2000,"
            + "\"amount_captured\":2000,\"amount_refunded\":0,\"captured\":true,\"currency\":\"usd\","
            + "\"customer\":\"cus_QhvKz0oM8ycm2B\",\"description\":\"" + PAD + "\",\"livemode\":false,"
            + "\"metadata\":{\"order_id\":\"6735\"},\"paid\":true,\"status\":\"succeeded\"}},"
            + "\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":\"req_9fP4v0aZcXo3Lm\","
            + "\"idempotency_key\":\"b7c1e8b0-2a51-4a7f-9d0a-3c1f1d2e5a11\"},\"type\":\"charge.succeeded\"}";

    private StripeEvents() {}

    /** An event of exactly {@code size} bytes. */
    static byte[] body(int size) {
        int fill = size - (TEMPLATE.length() - PAD.length());
        if (fill < 0) {
            throw new IllegalArgumentException("smallest Stripe event is " + (size - fill) + " bytes");
        }
        StringBuilder text = new StringBuilder(fill);
        String words = "Order 6735 for a customer paying by card; ";
        while (text.length() < fill) {
            text.append(words, 0, Math.min(words.length(), fill - text.length()));
        }
        byte[] body = TEMPLATE.replace(PAD, text).getBytes(StandardCharsets.UTF_8);
        if (body.length != size) {
            throw new IllegalStateException("built " + body.length + " bytes, wanted " + size);
        }
        return body;
    }

    /** The {@code Stripe-Signature} header for {@code payload} signed at {@code at}. */
    static String signatureHeader(String payload, String secret, Instant at) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] signature = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
    }
}
