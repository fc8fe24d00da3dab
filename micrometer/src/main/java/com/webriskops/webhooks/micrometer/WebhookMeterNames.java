package com.webriskops.webhooks.micrometer;

/**
 * The names of every meter this module registers, and of their tags. Every name starts with {@code
 * webriskops.}; registries that use another naming convention (Prometheus: {@code
 * webriskops_webhooks_received_total}) translate them as usual. The module's {@code docs/metrics.md}
 * lists each meter with its tags and values.
 */
public final class WebhookMeterNames {
    /** Counter: deliveries the receiver answered, by {@link #OUTCOME}, {@link #STATUS} and {@link #CODE}. */
    public static final String RECEIVED = "webriskops.webhooks.received";
    /** Timer: how long the receiver took to decide (not the handler's time), by {@link #OUTCOME}. */
    public static final String VERIFICATION = "webriskops.webhooks.verification";
    /** Counter: deliveries answered "duplicate" (their idempotency key was completed before). */
    public static final String DUPLICATES = "webriskops.webhooks.duplicates";
    /** Counter: deliveries refused as replays (their nonce was recorded before). */
    public static final String REPLAYS = "webriskops.webhooks.replays";

    /** Timer: sender attempts the dispatcher recorded, by {@link #OUTCOME}, {@link #CODE}, {@link #HTTP_STATUS}. */
    public static final String DELIVERY_ATTEMPTS = "webriskops.webhooks.delivery.attempts";
    /** Counter: deliveries that ended (exported, blocked, failed), by {@link #OUTCOME} and {@link #CODE}. */
    public static final String DELIVERIES = "webriskops.webhooks.deliveries";
    /** Counter: attempts after which a retry was scheduled, by {@link #CODE}. */
    public static final String DELIVERY_RETRIES = "webriskops.webhooks.delivery.retries";
    /** Gauge: deliveries waiting in the outbox (pending, retry_scheduled or sending). */
    public static final String DELIVERY_QUEUE_DEPTH = "webriskops.webhooks.delivery.queue.depth";
    /** Time gauge, seconds: how long the oldest due delivery has waited past its due time; 0 when none. */
    public static final String DELIVERY_OLDEST_DUE_AGE = "webriskops.webhooks.delivery.oldest.due.age";

    /** Tag: what happened, such as {@code accepted}, {@code rejected}, {@code exported}. */
    public static final String OUTCOME = "outcome";
    /** Tag: the HTTP status the receiver (or the handler) answered, such as {@code 401}. */
    public static final String STATUS = "status";
    /** Tag: the documented code, such as {@code WEBHOOK_SIGNATURE_INVALID}, or {@code none}. */
    public static final String CODE = "code";
    /** Tag: the class of the target's answer ({@code 2xx} ... {@code 5xx}), or {@code none} when none came. */
    public static final String HTTP_STATUS = "http_status";

    /** Tag value when there is no code or status. */
    public static final String NONE = "none";

    private WebhookMeterNames() {}
}
