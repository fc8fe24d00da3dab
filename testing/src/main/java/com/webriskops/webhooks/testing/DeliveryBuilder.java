package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Builds one signed delivery of some scheme, as a real sender would sign it, then altered as a test
 * needs: valid by default, or {@linkplain #tampered() tampered}, {@linkplain #stale() stale}, signed
 * with a {@linkplain #signedWith rotated} secret, or with headers and body changed. A replay is the same
 * built {@link SignedDelivery} posted twice. Get one from {@link Deliveries}.
 *
 * <p>By default a delivery is signed with {@link Deliveries#SECRET} at {@link Deliveries#NOW}, which
 * suits a receiver built with {@code Clock.fixed(Deliveries.NOW, UTC)}; against a running application
 * set {@link #timestamp} to the application's now and {@link #signedWith} to its secret.
 *
 * <p>Not thread-safe: use one builder per thread. {@link #build()} may be called more than once; each
 * call signs the builder's current state.
 *
 * @param <B> the scheme's builder, returned by every setter
 */
public abstract class DeliveryBuilder<B extends DeliveryBuilder<B>> {
    /** How far {@link #stale()} moves the timestamp back: past the receivers' default 300 s tolerance. */
    public static final Duration STALENESS = Duration.ofMinutes(10);

    private List<WebhookSecret> secrets = List.of(Deliveries.SECRET);
    private Instant timestamp = Deliveries.NOW;
    private final List<Consumer<ObjectNode>> edits = new ArrayList<>();
    private byte[] rawBody;
    private byte[] bodyAfterSigning;
    private boolean tampered;
    private final Map<String, List<String>> headerOverrides = new LinkedHashMap<>();
    private final List<String> removedHeaders = new ArrayList<>();

    /** For the schemes' builders. */
    protected DeliveryBuilder() {}

    /**
     * Signs with these secrets, one signature each, as a sender rotating secrets does (for example the
     * new secret, then the old one).
     *
     * @throws IllegalArgumentException if no secret is given
     */
    public B signedWith(WebhookSecret... secrets) {
        if (secrets.length == 0) {
            throw new IllegalArgumentException("secrets: at least one is needed");
        }
        this.secrets = List.of(secrets);
        return self();
    }

    /** Signs at {@code timestamp} (the sender's clock when it signed). */
    public B timestamp(Instant timestamp) {
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        return self();
    }

    /**
     * Moves the timestamp {@link #STALENESS} back from the one set so far, outside the default
     * tolerance: a receiver must refuse it with 401.
     */
    public B stale() {
        this.timestamp = timestamp.minus(STALENESS);
        return self();
    }

    /**
     * Changes the body after signing, as an attacker would, in a way the scheme's payload still parses:
     * a receiver must refuse it with 401.
     */
    public B tampered() {
        this.tampered = true;
        return self();
    }

    /** Changes the JSON payload before it is signed. */
    public B editJson(Consumer<ObjectNode> edit) {
        edits.add(Objects.requireNonNull(edit, "edit"));
        return self();
    }

    /** Signs and sends these bytes instead of the payload. */
    public B rawBody(byte[] body) {
        this.rawBody = Objects.requireNonNull(body, "body").clone();
        return self();
    }

    /** Sends these bytes, while the signature covers the body it would otherwise have sent. */
    public B bodyAfterSigning(byte[] body) {
        this.bodyAfterSigning = Objects.requireNonNull(body, "body").clone();
        return self();
    }

    /** Sets a header after signing, replacing the built one. */
    public B header(String name, String... values) {
        headerOverrides.put(Objects.requireNonNull(name, "name"), List.of(values));
        return self();
    }

    /** Leaves a header out. */
    public B without(String name) {
        removedHeaders.add(Objects.requireNonNull(name, "name"));
        return self();
    }

    /** Signs the delivery and returns the request a sender would post. */
    public SignedDelivery build() {
        byte[] body = rawBody != null ? rawBody : payloadBytes();
        Map<String, List<String>> headers = new LinkedHashMap<>(signedHeaders(secrets, timestamp, body));
        headers.putAll(headerOverrides);
        removedHeaders.forEach(headers::remove);
        byte[] sent = bodyAfterSigning != null ? bodyAfterSigning : body;
        return new SignedDelivery(headers, tampered ? tamper(sent) : sent);
    }

    /** The timestamp the delivery is signed at. */
    protected Instant timestamp() {
        return timestamp;
    }

    /** The scheme's payload for a delivery signed at {@code timestamp}, before the test's edits. */
    protected abstract ObjectNode payload(Instant timestamp);

    /** The headers a sender of the scheme sends with {@code body}, signed at {@code timestamp}. */
    protected abstract Map<String, List<String>> signedHeaders(
            List<WebhookSecret> secrets, Instant timestamp, byte[] body);

    /**
     * {@code body} with a meaningful value changed (still parseable), for {@link #tampered()}. This
     * default adds a space after the first byte, which changes no JSON value: a receiver that verifies
     * anything but the raw bytes as received may still accept it, and must not.
     */
    protected byte[] tamper(byte[] body) {
        if (body.length == 0) {
            return new byte[] {' '};
        }
        byte[] changed = new byte[body.length + 1];
        changed[0] = body[0];
        changed[1] = ' ';
        System.arraycopy(body, 1, changed, 2, body.length - 1);
        return changed;
    }

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
