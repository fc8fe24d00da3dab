package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the {@link WebhookReceiver} gives a {@link WebhookScheme} to check one request's signature
 * with: the receiver's clock reading, its timestamp tolerance and the request's secrets. One per
 * request; not thread-safe.
 */
public final class SignatureContext {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final InboundRequest request;
    private final SecretResolver secretResolver;
    private final Instant now;
    private final Duration tolerance;

    @Nullable
    private List<WebhookSecret> secrets;

    SignatureContext(InboundRequest request, SecretResolver secretResolver, Instant now, Duration tolerance) {
        this.request = request;
        this.secretResolver = secretResolver;
        this.now = now;
        this.tolerance = tolerance;
    }

    /** The receiver's clock reading for this request. */
    public Instant now() {
        return now;
    }

    /** How far a signing time may be from {@link #now()}, in the past or the future. */
    public Duration tolerance() {
        return tolerance;
    }

    /** True when {@code signedAt} is within {@link #tolerance()} of {@link #now()}, either way. */
    public boolean isWithinTolerance(Instant signedAt) {
        Objects.requireNonNull(signedAt, "signedAt");
        return Duration.between(signedAt, now).abs().compareTo(tolerance) <= 0;
    }

    /**
     * The secrets the request may be signed with, from the receiver's {@link SecretResolver}, asked
     * once per request and only when this is called: call it after the headers are found well formed.
     * Empty when none are configured for the request (logged); then no signature can match.
     */
    public List<WebhookSecret> secrets() {
        if (secrets == null) {
            List<WebhookSecret> resolved = secretResolver.secretsFor(request);
            if (resolved == null || resolved.isEmpty()) {
                LOG.warn("No webhook secret is configured for path {}; rejecting the delivery", request.path());
                resolved = List.of();
            }
            secrets = List.copyOf(resolved);
        }
        return secrets;
    }
}
