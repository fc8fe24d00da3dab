package com.webriskops.webhooks.sender.outbox;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.target.ExportTarget.SigningStatus;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an application shows its users about one delivery; serialisable to JSON as is (snake_case
 * members, times as ISO-8601 text, statuses as their wire names) with {@link
 * com.webriskops.webhooks.payload.WebhookJson#mapper()} or any Jackson mapper. Holds no secret, no
 * signature and no request body. Immutable.
 *
 * @param id the store's id
 * @param idempotencyKey the export's idempotency key
 * @param targetId the target's id
 * @param providerKey the target's provider key
 * @param signingStatus {@code signed}, {@code unsigned} or {@code secret_missing} when enqueued
 * @param status pending, sending, exported, retry_scheduled, blocked or failed
 * @param retryAfterSeconds seconds until the next attempt when retry_scheduled, else null
 * @param retryCount attempts made after the first
 * @param lastHttpStatus the last answer's status code, or null
 * @param lastCode the last attempt's code, or null
 * @param lastMessage the last attempt's message, or null
 * @param responseSnippet the start of the last answer's body (bounded), or null
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 * @param nextAttemptAt when it is due, or null
 * @param attempts the attempt log, oldest first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeliveryStatusView(
        long id,
        String idempotencyKey,
        long targetId,
        ProviderKey providerKey,
        SigningStatus signingStatus,
        DeliveryStatus status,
        @Nullable Long retryAfterSeconds,
        int retryCount,
        @Nullable Integer lastHttpStatus,
        @Nullable String lastCode,
        @Nullable String lastMessage,
        @Nullable String responseSnippet,
        String createdAt,
        String updatedAt,
        @Nullable String nextAttemptAt,
        List<Attempt> attempts) {

    public DeliveryStatusView {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(providerKey, "providerKey");
        Objects.requireNonNull(signingStatus, "signingStatus");
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
    }

    /**
     * One attempt in the log.
     *
     * @param attempt the attempt number
     * @param outcome exported, blocked or retry_scheduled
     * @param code the attempt's code, or null
     * @param httpStatus the answer's status code, or null
     * @param message what happened
     * @param retryAfterSeconds the receiver's {@code Retry-After} in seconds, or null
     * @param startedAt when it began
     * @param finishedAt when it ended
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(
            int attempt,
            DeliveryStatus outcome,
            @Nullable String code,
            @Nullable Integer httpStatus,
            String message,
            @Nullable Long retryAfterSeconds,
            String startedAt,
            String finishedAt) {}

    /** The view of {@code delivery} at {@code now}. */
    public static DeliveryStatusView of(Delivery delivery, Instant now) {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(now, "now");
        Long retryAfter = null;
        if (delivery.status() == DeliveryStatus.RETRY_SCHEDULED && delivery.nextAttemptAt() != null) {
            Duration wait = Duration.between(now, delivery.nextAttemptAt());
            retryAfter = wait.isNegative() ? 0L : (wait.toMillis() + 999) / 1000;
        }
        List<Attempt> attempts = new ArrayList<>();
        for (AttemptOutcome outcome : delivery.attemptLog()) {
            attempts.add(new Attempt(
                    outcome.attempt(),
                    outcome.status(),
                    outcome.code(),
                    outcome.httpStatus(),
                    outcome.message(),
                    outcome.retryAfter() == null ? null : outcome.retryAfter().toSeconds(),
                    outcome.startedAt().toString(),
                    outcome.finishedAt().toString()));
        }
        AttemptOutcome last = delivery.lastAttempt();
        return new DeliveryStatusView(
                delivery.id(),
                delivery.idempotencyKey(),
                delivery.targetId(),
                delivery.providerKey(),
                delivery.signingStatus(),
                delivery.status(),
                retryAfter,
                Math.max(0, delivery.attempts() - 1),
                last == null ? null : last.httpStatus(),
                last == null ? null : lastCode(delivery, last),
                last == null ? null : last.message(),
                last == null ? null : last.responseSnippet(),
                delivery.createdAt().toString(),
                delivery.updatedAt().toString(),
                delivery.nextAttemptAt() == null
                        ? null
                        : delivery.nextAttemptAt().toString(),
                attempts);
    }

    private static String lastCode(Delivery delivery, AttemptOutcome last) {
        return delivery.status() == DeliveryStatus.FAILED ? ErrorCode.WEBHOOK_DELIVERY_FAILED.wireValue() : last.code();
    }
}
