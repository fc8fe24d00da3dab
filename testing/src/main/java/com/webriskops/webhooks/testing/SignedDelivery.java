package com.webriskops.webhooks.testing;

import jakarta.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One signed webhook request as a sender posts it: ordered headers (a name may carry several values)
 * and the body bytes. Built by a {@link DeliveryBuilder} (see {@link Deliveries}); post it to an
 * endpoint with {@link HttpEndpoint#post(SignedDelivery)}, or twice to replay it. Immutable: the
 * accessors hand out the values given to the constructor, which copies them.
 *
 * @param headers header values by name, in the order a sender writes them
 * @param body the body bytes, exactly as signed (or as altered after signing)
 */
public record SignedDelivery(Map<String, List<String>> headers, byte[] body) {
    /**
     * A request of {@code headers} and {@code body}, both copied.
     *
     * @throws NullPointerException if an argument is null
     */
    public SignedDelivery {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The first value of header {@code name} (exact spelling, as built), or null when it is absent. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The WebRiskOps idempotency key ({@code X-WebRiskOps-Idempotency-Key}), or null for other schemes. */
    public @Nullable String idempotencyKey() {
        return header(com.webriskops.webhooks.protocol.WebhookHeaders.IDEMPOTENCY_KEY);
    }

    /** The WebRiskOps nonce ({@code X-WebRiskOps-Nonce}), or null for other schemes. */
    public @Nullable String nonce() {
        return header(com.webriskops.webhooks.protocol.WebhookHeaders.NONCE);
    }

    /** The same headers with {@code body} instead, as an attacker alters a delivery after it was signed. */
    public SignedDelivery withBody(byte[] body) {
        return new SignedDelivery(headers, body);
    }

    /** The same delivery with header {@code name} set to {@code values} (replacing it, or added last). */
    public SignedDelivery withHeader(String name, String... values) {
        Map<String, List<String>> changed = new LinkedHashMap<>(headers);
        changed.put(name, List.of(values));
        return new SignedDelivery(changed, body);
    }

    /** Header names and the body's size only: never a signature, never the body. */
    @Override
    public String toString() {
        return "SignedDelivery[headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof SignedDelivery that
                && headers.equals(that.headers)
                && java.util.Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + java.util.Arrays.hashCode(body);
    }
}
