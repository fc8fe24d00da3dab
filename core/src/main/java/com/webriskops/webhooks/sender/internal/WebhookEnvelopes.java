package com.webriskops.webhooks.sender.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.WebhookException;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSignatures;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * Builds the {@code ticket-export.webhook.v1} request for one attempt: the envelope with a fresh
 * nonce and timestamp (repeated in {@code replay_protection}), serialised once with {@link
 * WebhookJson#mapper()}, signed over those exact bytes with every signing secret of the target, and
 * the headers. Immutable and thread-safe.
 *
 * <pre>{@code
 * OutboundRequest request = WebhookEnvelopes.ofDefaults().build(target, export, 1);
 * }</pre>
 */
public final class WebhookEnvelopes {
    /** The {@code User-Agent} sent by default: {@code webriskops-webhooks-java/<version>}. */
    public static final String DEFAULT_USER_AGENT = "webriskops-webhooks-java/" + KitVersion.get();

    private final Clock clock;
    private final NonceSource nonceSource;
    private final String userAgent;

    private WebhookEnvelopes(Builder builder) {
        this.clock = builder.clock;
        this.nonceSource = builder.nonceSource;
        this.userAgent = builder.userAgent;
    }

    /** System UTC clock, {@link NonceSource#secureRandom()}, {@link #DEFAULT_USER_AGENT}. */
    public static WebhookEnvelopes ofDefaults() {
        return builder().build();
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The signed request for attempt {@code attempt} of {@code export} to {@code target}. A target
     * with signing disabled gets no {@code X-WebRiskOps-Signature} header.
     *
     * @throws IllegalArgumentException if {@code attempt} is below 1
     * @throws IllegalStateException if signing is enabled but the target holds no secret, or the
     *     nonce source gives a malformed nonce
     * @throws WebhookException if the envelope cannot be serialised
     */
    public OutboundRequest build(ExportTarget target, ExportRequest export, int attempt) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, not " + attempt);
        }
        if (target.signingEnabled() && target.signingSecrets().isEmpty()) {
            throw new IllegalStateException("target " + target.id() + " requires signing but holds no secret");
        }
        String nonce = nonceSource.next();
        if (nonce == null || !WebhookProtocol.isValidNonce(nonce)) {
            throw new IllegalStateException("the nonce source gave a malformed nonce");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        TicketExportWebhook webhook = new TicketExportWebhook(
                WebhookProtocol.SCHEMA_VERSION,
                WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED,
                export.idempotencyKey(),
                new TicketExportWebhook.ReplayProtection(timestamp, nonce, WebhookHeaders.SIGNATURE),
                attempt,
                new TicketExportWebhook.TargetRef(target.id(), target.providerKey()),
                new TicketExportWebhook.AccountRef(export.accountId(), export.projectId()),
                export.ticketExport(),
                export.renderedBody());
        byte[] body;
        try {
            body = WebhookJson.mapper().writeValueAsBytes(webhook);
        } catch (JsonProcessingException e) {
            throw new WebhookException("could not serialise the ticket-export envelope", e);
        }
        LinkedHashMap<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookHeaders.EVENT, WebhookProtocol.EVENT_TICKET_EXPORT_REQUESTED);
        headers.put(WebhookHeaders.SCHEMA, WebhookProtocol.SCHEMA_VERSION);
        headers.put(WebhookHeaders.IDEMPOTENCY_KEY, export.idempotencyKey());
        headers.put(WebhookHeaders.TIMESTAMP, timestamp);
        headers.put(WebhookHeaders.NONCE, nonce);
        if (target.signingEnabled()) {
            headers.put(
                    WebhookHeaders.SIGNATURE, WebhookSignatures.sign(target.signingSecrets(), timestamp, nonce, body));
        }
        headers.put(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, export.idempotencyKey());
        headers.put(WebhookHeaders.CONTENT_TYPE, "application/json");
        headers.put("User-Agent", userAgent);
        return OutboundRequest.owning(webhook, body, headers);
    }

    @Override
    public String toString() {
        return "WebhookEnvelopes[userAgent=" + userAgent + "]";
    }

    /** Builds {@link WebhookEnvelopes}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private NonceSource nonceSource = NonceSource.secureRandom();
        private String userAgent = DEFAULT_USER_AGENT;

        private Builder() {}

        /** Where timestamps come from. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where nonces come from. Default: {@link NonceSource#secureRandom()}. */
        public Builder nonceSource(NonceSource nonceSource) {
            this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
            return this;
        }

        /**
         * The {@code User-Agent} header. Default {@link #DEFAULT_USER_AGENT}.
         *
         * @throws IllegalArgumentException if blank or not printable ASCII
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent");
            if (userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                throw new IllegalArgumentException("userAgent must be printable ASCII and not blank");
            }
            this.userAgent = userAgent;
            return this;
        }

        /** A frozen {@link WebhookEnvelopes}. */
        public WebhookEnvelopes build() {
            return new WebhookEnvelopes(this);
        }
    }
}
