package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery that passed every check: its signature holds, its nonce is fresh, its payload is valid,
 * and its idempotency key is now claimed for this request. Immutable and thread-safe.
 *
 * <p>Hand it back to {@link WebhookReceiver#finish} once the handler has answered, so the claim is
 * completed (2xx) or released (anything else).
 */
public final class VerifiedDelivery {
    /** The request attribute / property name adapters store the delivery under. */
    public static final String ATTRIBUTE = VerifiedDelivery.class.getName();

    private final TicketExportWebhook webhook;
    private final byte[] body;
    private final Instant timestamp;
    private final Instant receivedAt;
    private final String claimToken;

    VerifiedDelivery(
            TicketExportWebhook webhook, byte[] body, Instant timestamp, Instant receivedAt, String claimToken) {
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        this.body = Objects.requireNonNull(body, "body");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.claimToken = Objects.requireNonNull(claimToken, "claimToken");
    }

    /** The typed, validated payload. */
    public TicketExportWebhook webhook() {
        return webhook;
    }

    /** A copy of the raw body bytes, exactly as received and signed. */
    public byte[] rawBody() {
        return body.clone();
    }

    /** The raw body as a stream, without copying. */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The idempotency key, stable across the export's retries. */
    public String idempotencyKey() {
        return webhook.idempotencyKey();
    }

    /** The attempt number, 1 for the first. */
    public int attempt() {
        return webhook.attempt();
    }

    /** This attempt's nonce. */
    public String nonce() {
        return webhook.replayProtection().nonce();
    }

    /** This attempt's signed timestamp. */
    public Instant timestamp() {
        return timestamp;
    }

    /** When the pipeline accepted the delivery, by the receiver's clock. */
    public Instant receivedAt() {
        return receivedAt;
    }

    String claimToken() {
        return claimToken;
    }

    @Override
    public String toString() {
        return "VerifiedDelivery[idempotencyKey=" + idempotencyKey() + ", attempt=" + attempt() + ", nonce=" + nonce()
                + ", timestamp=" + timestamp + ", body=" + body.length + " bytes]";
    }
}
