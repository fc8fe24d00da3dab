package com.webriskops.webhooks.receiver.spi;

import com.webriskops.webhooks.receiver.SecretResolver;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the {@link WebhookReceiver} gives a {@link WebhookScheme} to check one request's signature
 * with: the receiver's clock reading, its timestamp tolerance and the request's secrets. One per
 * request; not thread-safe. The receiver implements it; a scheme only reads it.
 */
public interface SignatureContext {
    /** The receiver's clock reading for this request. */
    Instant now();

    /** How far a signing time may be from {@link #now()}, in the past or the future. */
    Duration tolerance();

    /** True when {@code signedAt} is within {@link #tolerance()} of {@link #now()}, either way. */
    default boolean isWithinTolerance(Instant signedAt) {
        Objects.requireNonNull(signedAt, "signedAt");
        return Duration.between(signedAt, now()).abs().compareTo(tolerance()) <= 0;
    }

    /**
     * The secrets the request may be signed with, from the receiver's {@link SecretResolver}, asked
     * once per request and only when this is called: call it after the headers are found well formed.
     * Empty when none are configured for the request (logged); then no signature can match.
     */
    List<WebhookSecret> secrets();
}
