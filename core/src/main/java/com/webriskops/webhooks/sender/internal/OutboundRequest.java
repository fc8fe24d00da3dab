package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt's signed request: the envelope, its exact body bytes and the headers to send with them.
 * {@link #toString()} shows neither the body nor the signature. Immutable and thread-safe.
 */
public final class OutboundRequest {
    private final TicketExportWebhook webhook;
    private final byte[] body;
    private final Map<String, String> headers;

    public OutboundRequest(TicketExportWebhook webhook, byte[] body, Map<String, String> headers) {
        this(webhook, Collections.unmodifiableMap(new LinkedHashMap<>(headers)), body.clone());
    }

    /** Holds {@code ownedBody} and {@code unmodifiableHeaders} as they are; nobody else may hold them. */
    private OutboundRequest(TicketExportWebhook webhook, Map<String, String> unmodifiableHeaders, byte[] ownedBody) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.body = Objects.requireNonNull(ownedBody, "body");
        this.headers = unmodifiableHeaders;
    }

    /**
     * A request holding {@code body} and {@code headers} themselves, not copies: for {@link
     * WebhookEnvelopes}, which made them for it and keeps no reference to them.
     */
    static OutboundRequest owning(TicketExportWebhook webhook, byte[] body, LinkedHashMap<String, String> headers) {
        return new OutboundRequest(webhook, Collections.unmodifiableMap(headers), body);
    }

    /** The envelope as built. */
    public TicketExportWebhook webhook() {
        return webhook;
    }

    /** A copy of the body bytes exactly as signed and sent. */
    public byte[] body() {
        return body.clone();
    }

    /** The body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The body bytes themselves, not a copy: never modify them. */
    public byte[] bodyUnsafe() {
        return body;
    }

    /** The headers to send, in order: the {@code X-WebRiskOps-*} ones, Idempotency-Key, Content-Type, User-Agent. */
    public Map<String, String> headers() {
        return headers;
    }

    /** This attempt's nonce. */
    public String nonce() {
        return webhook.replayProtection().nonce();
    }

    /** This attempt's timestamp, Unix seconds. */
    public String timestamp() {
        return webhook.replayProtection().timestamp();
    }

    /** The attempt number. */
    public int attempt() {
        return webhook.attempt();
    }

    @Override
    public String toString() {
        return "OutboundRequest[idempotencyKey=" + webhook.idempotencyKey() + ", attempt=" + webhook.attempt()
                + ", body=" + body.length + " bytes]";
    }
}
