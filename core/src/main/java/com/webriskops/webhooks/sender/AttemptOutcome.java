package com.webriskops.webhooks.sender;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt came to, classified by DESIGN's "Sender rules": {@link DeliveryStatus#EXPORTED},
 * {@link DeliveryStatus#BLOCKED} or {@link DeliveryStatus#RETRY_SCHEDULED} (retryable; a {@link
 * RetryPolicy} decides whether and when). Never holds a secret, a signature or the request body.
 * Immutable.
 *
 * @param attempt the attempt number, 1 for the first
 * @param status exported, blocked or retry_scheduled
 * @param code null when exported; else the documented code, such as {@code
 *     generic_webhook_auth_failed} or {@code WEBHOOK_DELIVERY_FAILED}
 * @param httpStatus the answer's status code, or null when no answer came (blocked before sending,
 *     timeout, connection error)
 * @param message what happened, for people
 * @param retryAfter the receiver's {@code Retry-After}, uncapped (the policy caps it), or null
 * @param responseSnippet the first bytes of the answer's body (bounded, decoded as UTF-8), or null
 * @param requestSent true when the request was written to a connection
 * @param startedAt when the attempt began
 * @param finishedAt when it ended
 */
public record AttemptOutcome(
        int attempt,
        DeliveryStatus status,
        @Nullable String code,
        @Nullable Integer httpStatus,
        String message,
        @Nullable Duration retryAfter,
        @Nullable String responseSnippet,
        boolean requestSent,
        Instant startedAt,
        Instant finishedAt) {

    /**
     * @throws IllegalArgumentException if {@code status} is not exported, blocked or retry_scheduled
     */
    public AttemptOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (status != DeliveryStatus.EXPORTED
                && status != DeliveryStatus.BLOCKED
                && status != DeliveryStatus.RETRY_SCHEDULED) {
            throw new IllegalArgumentException("an attempt ends exported, blocked or retry_scheduled, not " + status);
        }
    }

    /** True when another attempt may succeed (subject to the retry policy). */
    public boolean retryable() {
        return status == DeliveryStatus.RETRY_SCHEDULED;
    }
}
