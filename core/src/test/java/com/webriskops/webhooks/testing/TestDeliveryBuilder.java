package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds one signed delivery of some scheme for tests: the scheme's payload, signed like a real sender
 * with {@link TestDeliveries#SECRET} at {@link TestDeliveries#NOW}, then altered as a test needs. Each
 * scheme's builder adds its own inputs (a nonce, an id) and says how it builds the payload and signs.
 * Not thread-safe.
 *
 * <p>Core's own tests use this copy of the published builder ({@code DeliveryBuilder} of
 * webriskops-webhooks-testing): core cannot depend on the testing module, which depends on core.
 *
 * @param <B> the scheme's builder, returned by every setter
 */
public abstract class TestDeliveryBuilder<B extends TestDeliveryBuilder<B>> {
    private List<WebhookSecret> secrets = List.of(TestDeliveries.SECRET);
    private Instant timestamp = TestDeliveries.NOW;
    private final List<Consumer<ObjectNode>> edits = new ArrayList<>();
    private byte[] rawBody;
    private byte[] bodyAfterSigning;
    private final Map<String, List<String>> headerOverrides = new LinkedHashMap<>();
    private final List<String> removedHeaders = new ArrayList<>();

    /** Signs with these secrets, one signature each, as a sender rotating secrets does. */
    public B signedWith(WebhookSecret... secrets) {
        this.secrets = Arrays.asList(secrets);
        return self();
    }

    /** Signs at {@code timestamp}. */
    public B timestamp(Instant timestamp) {
        this.timestamp = timestamp;
        return self();
    }

    /** Changes the JSON payload before it is signed. */
    public B editJson(Consumer<ObjectNode> edit) {
        edits.add(edit);
        return self();
    }

    /** Signs and sends these bytes instead of the payload. */
    public B rawBody(byte[] body) {
        this.rawBody = body.clone();
        return self();
    }

    /** Sends these bytes, while the signature covers the body it would otherwise have sent. */
    public B bodyAfterSigning(byte[] body) {
        this.bodyAfterSigning = body.clone();
        return self();
    }

    /** Sets a header after signing, replacing the built one. */
    public B header(String name, String... values) {
        headerOverrides.put(name, List.of(values));
        return self();
    }

    /** Leaves a header out. */
    public B without(String name) {
        removedHeaders.add(name);
        return self();
    }

    /** The signed request. */
    public TestDeliveries.Request build() {
        byte[] body = rawBody != null ? rawBody : payloadBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>(signedHeaders(secrets, timestamp, body));
        headers.putAll(headerOverrides);
        removedHeaders.forEach(headers::remove);
        return new TestDeliveries.Request(headers, bodyAfterSigning != null ? bodyAfterSigning : body);
    }

    /** The scheme's payload for a delivery signed at {@code timestamp}, before the test's edits. */
    protected abstract ObjectNode payload(Instant timestamp);

    /** The headers a sender of the scheme sends with {@code body}, signed at {@code timestamp}. */
    protected abstract Map<String, List<String>> signedHeaders(
            List<WebhookSecret> secrets, Instant timestamp, byte[] body);

    /** This builder. */
    protected abstract B self();

    private byte[] payloadBytes() {
        ObjectNode json = payload(timestamp);
        edits.forEach(edit -> edit.accept(json));
        try {
            return WebhookJson.mapper().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
