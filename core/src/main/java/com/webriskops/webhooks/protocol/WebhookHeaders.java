package com.webriskops.webhooks.protocol;

/** Header names of a {@code ticket-export.webhook.v1} delivery. */
public final class WebhookHeaders {
    /** Always {@value WebhookProtocol#EVENT_TICKET_EXPORT_REQUESTED}. */
    public static final String EVENT = "X-WebRiskOps-Event";
    /** Always {@value WebhookProtocol#SCHEMA_VERSION}. */
    public static final String SCHEMA = "X-WebRiskOps-Schema";
    /** Stable for one logical export across all its retries. */
    public static final String IDEMPOTENCY_KEY = "X-WebRiskOps-Idempotency-Key";
    /** Unix seconds, decimal digits only. */
    public static final String TIMESTAMP = "X-WebRiskOps-Timestamp";
    /** New for every attempt. */
    public static final String NONCE = "X-WebRiskOps-Nonce";
    /** {@code sha256=} and lowercase hex; several comma-separated values during a secret rotation. */
    public static final String SIGNATURE = "X-WebRiskOps-Signature";
    /** The generic header, same value as {@link #IDEMPOTENCY_KEY}. */
    public static final String GENERIC_IDEMPOTENCY_KEY = "Idempotency-Key";

    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_ENCODING = "Content-Encoding";
    public static final String RETRY_AFTER = "Retry-After";

    private WebhookHeaders() {}
}
