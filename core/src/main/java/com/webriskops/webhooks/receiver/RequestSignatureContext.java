package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.internal.LogSafe;
import com.webriskops.webhooks.receiver.spi.SignatureContext;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The receiver's {@link SignatureContext} for one request. Not thread-safe. */
final class RequestSignatureContext implements SignatureContext {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final InboundRequest request;
    private final SecretResolver secretResolver;
    private final Instant now;
    private final Duration tolerance;

    @Nullable
    private List<WebhookSecret> secrets;

    RequestSignatureContext(InboundRequest request, SecretResolver secretResolver, Instant now, Duration tolerance) {
        this.request = request;
        this.secretResolver = secretResolver;
        this.now = now;
        this.tolerance = tolerance;
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public Duration tolerance() {
        return tolerance;
    }

    @Override
    public List<WebhookSecret> secrets() {
        if (secrets == null) {
            List<WebhookSecret> resolved = secretResolver.secretsFor(request);
            if (resolved == null || resolved.isEmpty()) {
                LOG.warn(
                        "No webhook secret is configured for path {}; rejecting the delivery",
                        LogSafe.text(request.path()));
                resolved = List.of();
            }
            secrets = List.copyOf(resolved);
        }
        return secrets;
    }
}
