package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.protocol.ErrorCode;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one attempt came to, classified as {@link WebhookSender} describes: {@link DeliveryStatus#EXPORTED},
 * {@link DeliveryStatus#BLOCKED} or {@link DeliveryStatus#RETRY_SCHEDULED} (retryable; a {@link
 * RetryPolicy} decides whether and when). Never holds a secret, a signature or the request body.
 * Immutable. Build one with {@link #exported}, {@link #blocked} or {@link #retry}, then {@link
 * #withAnswer} when the target answered and {@link #withRetryAfter} when it said when to come back.
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

    /**
     * The target accepted the delivery ({@link DeliveryStatus#EXPORTED}); add its answer with {@link
     * #withAnswer}.
     */
    public static AttemptOutcome exported(int attempt, String message, Instant startedAt, Instant finishedAt) {
        return new AttemptOutcome(
                attempt, DeliveryStatus.EXPORTED, null, null, message, null, null, false, startedAt, finishedAt);
    }

    /**
     * The attempt is blocked ({@link DeliveryStatus#BLOCKED}) with {@code code}: a fix is needed before
     * another attempt. Not sent, unless {@link #withAnswer} adds the target's answer.
     */
    public static AttemptOutcome blocked(
            int attempt, ErrorCode code, String message, Instant startedAt, Instant finishedAt) {
        Objects.requireNonNull(code, "code");
        return new AttemptOutcome(
                attempt,
                DeliveryStatus.BLOCKED,
                code.wireValue(),
                null,
                message,
                null,
                null,
                false,
                startedAt,
                finishedAt);
    }

    /**
     * The attempt failed in a way that may pass later ({@link DeliveryStatus#RETRY_SCHEDULED}) with
     * {@code code}; the retry policy decides whether and when.
     *
     * @param requestSent whether the request may have reached the target (a timeout while waiting for
     *     the answer); {@link #withAnswer} sets it
     */
    public static AttemptOutcome retry(
            int attempt, ErrorCode code, String message, boolean requestSent, Instant startedAt, Instant finishedAt) {
        Objects.requireNonNull(code, "code");
        return new AttemptOutcome(
                attempt,
                DeliveryStatus.RETRY_SCHEDULED,
                code.wireValue(),
                null,
                message,
                null,
                null,
                requestSent,
                startedAt,
                finishedAt);
    }

    /** This outcome with the target's answer: its status code and the start of its body. Sent. */
    public AttemptOutcome withAnswer(int httpStatus, @Nullable String responseSnippet) {
        return new AttemptOutcome(
                attempt, status, code, httpStatus, message, retryAfter, responseSnippet, true, startedAt, finishedAt);
    }

    /** This outcome with the receiver's {@code Retry-After} (uncapped), or none for null. */
    public AttemptOutcome withRetryAfter(@Nullable Duration retryAfter) {
        return new AttemptOutcome(
                attempt,
                status,
                code,
                httpStatus,
                message,
                retryAfter,
                responseSnippet,
                requestSent,
                startedAt,
                finishedAt);
    }

    /** True when another attempt may succeed (subject to the retry policy). */
    public boolean retryable() {
        return status == DeliveryStatus.RETRY_SCHEDULED;
    }
}
