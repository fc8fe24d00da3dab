package com.webriskops.webhooks.benchmarks;

import com.webriskops.webhooks.protocol.WebhookHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries the way a sender does, for the load drivers: each call writes a fresh idempotency
 * key, nonce and the current timestamp into a copy of the template body and signs it with raw JCA
 * HMAC-SHA256. Not thread-safe: one per driver thread.
 */
final class Signer {
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] template;
    private final int keyAt;
    private final int nonceAt;
    private final int tsAt;
    private final Mac mac;

    Signer(byte[] template, String secret) {
        this.template = template;
        this.keyAt = Payloads.offsetOf(template, Payloads.KEY_PLACEHOLDER);
        this.nonceAt = Payloads.offsetOf(template, Payloads.NONCE_PLACEHOLDER);
        this.tsAt = Payloads.offsetOf(template, Payloads.TS_PLACEHOLDER);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed delivery: headers in order and the body. */
    record Signed(Map<String, String> headers, byte[] body) {}

    Signed next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String nonce = HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
        String key = "bench-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
        String ts = Long.toString(System.currentTimeMillis() / 1000);
        byte[] body = template.clone();
        put(body, keyAt, key);
        put(body, nonceAt, nonce);
        put(body, tsAt, ts);
        mac.update(ts.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(nonce.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        String signature = "sha256=" + HEX.formatHex(mac.doFinal(body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookHeaders.CONTENT_TYPE, "application/json");
        headers.put(WebhookHeaders.EVENT, "ticket_export.requested");
        headers.put(WebhookHeaders.SCHEMA, "ticket-export.webhook.v1");
        headers.put(WebhookHeaders.IDEMPOTENCY_KEY, key);
        headers.put(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, key);
        headers.put(WebhookHeaders.TIMESTAMP, ts);
        headers.put(WebhookHeaders.NONCE, nonce);
        headers.put(WebhookHeaders.SIGNATURE, signature);
        return new Signed(headers, body);
    }

    /** The same headers as lists, for {@code InboundRequest.of}. */
    static Map<String, List<String>> asLists(Map<String, String> headers) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return lists;
    }

    private static void put(byte[] body, int at, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, body, at, bytes.length);
    }
}
