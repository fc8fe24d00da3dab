package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.receiver.spi.WebhookScheme;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A delivery that passed every check: its signature holds, it is not a replay, its payload is valid,
 * and its idempotency key is now claimed for this request. Thread-safe, and immutable but for
 * remembering whether it was {@linkplain WebhookReceiver#finish finished}.
 *
 * <p>It carries the typed payload of the {@link WebhookScheme} its receiver verifies: a {@code
 * TicketExportWebhook} for the default WebRiskOps scheme, a {@code VicketWebhook} for the Vicket
 * scheme.
 *
 * <p>Hand it back to {@link WebhookReceiver#finish} once the handler has answered, so the claim is
 * completed (2xx) or released (anything else); only the first finish counts.
 *
 * @param <P> the payload type of the scheme
 */
public final class VerifiedDelivery<P> {
    /**
     * The request attribute / property name adapters store the delivery under: {@value}. A constant,
     * so it can be used in annotations such as Spring's {@code @RequestAttribute}.
     */
    public static final String ATTRIBUTE = "com.webriskops.webhooks.receiver.VerifiedDelivery";

    private final String scheme;
    private final P payload;
    private final byte[] body;
    private final Instant timestamp;
    private final Instant receivedAt;
    private final String idempotencyKey;
    private final String replayId;
    private final int attempt;
    private final String claimToken;
    private final AtomicBoolean finished = new AtomicBoolean();

    VerifiedDelivery(
            String scheme,
            P payload,
            byte[] body,
            Instant timestamp,
            Instant receivedAt,
            String idempotencyKey,
            String replayId,
            int attempt,
            String claimToken) {
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.body = Objects.requireNonNull(body, "body");
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        this.replayId = Objects.requireNonNull(replayId, "replayId");
        this.attempt = attempt;
        this.claimToken = Objects.requireNonNull(claimToken, "claimToken");
    }

    /** The typed, validated payload, of the scheme's {@link WebhookScheme#payloadType() payload type}. */
    public P payload() {
        return payload;
    }

    /**
     * The payload as a {@code type}, for code that got the delivery untyped (as {@code
     * VerifiedDelivery<?>}) from a request attribute: {@code delivery.payload(TicketExportWebhook.class)}.
     *
     * @throws IllegalStateException if the payload is not a {@code type} (the delivery was verified with
     *     another scheme)
     */
    public <T> T payload(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isInstance(payload)) {
            throw new IllegalStateException(
                    "the delivery was verified with the " + scheme + " scheme; its payload is a "
                            + payload.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(payload);
    }

    /** The {@linkplain WebhookScheme#name() name} of the scheme the delivery was verified with. */
    public String scheme() {
        return scheme;
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

    /**
     * The key the duplicate guard claimed, stable across the sender's retries: the WebRiskOps
     * idempotency key, or the scheme's equivalent (the Vicket body's {@code id}).
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The attempt number, 1 for the first; 0 for schemes that do not number attempts (Vicket). */
    public int attempt() {
        return attempt;
    }

    /**
     * This attempt's nonce: the value the replay guard recorded, the same as {@link #replayId()}. For
     * the WebRiskOps scheme it is the {@code X-WebRiskOps-Nonce}; schemes without a nonce derive it
     * from the signed inputs.
     */
    public String nonce() {
        return replayId;
    }

    /** The value the replay guard recorded for this attempt; see {@link #nonce()}. */
    public String replayId() {
        return replayId;
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

    /** True for the first call only: the one that may record the delivery's outcome. */
    boolean markFinished() {
        return finished.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "VerifiedDelivery[scheme=" + scheme + ", idempotencyKey=" + idempotencyKey + ", attempt=" + attempt
                + ", nonce=" + replayId + ", timestamp=" + timestamp + ", body=" + body.length + " bytes]";
    }
}
