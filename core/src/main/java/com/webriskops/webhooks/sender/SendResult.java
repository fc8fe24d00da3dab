package com.webriskops.webhooks.sender;

import java.util.List;
import java.util.Objects;

/**
 * How an in-process {@link WebhookSender#send} ended: {@link DeliveryStatus#EXPORTED}, {@link
 * DeliveryStatus#BLOCKED} or {@link DeliveryStatus#FAILED}, and every attempt made. Immutable.
 *
 * @param status exported, blocked or failed
 * @param attempts every attempt, in order; never empty
 */
public record SendResult(DeliveryStatus status, List<AttemptOutcome> attempts) {
    /**
     * @throws IllegalArgumentException if {@code attempts} is empty
     */
    public SendResult {
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a send makes at least one attempt");
        }
    }

    /** The last attempt. */
    public AttemptOutcome last() {
        return attempts.get(attempts.size() - 1);
    }
}
