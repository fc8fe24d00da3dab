package com.webriskops.webhooks.receiver;

import java.util.Objects;

/**
 * What {@link WebhookReceiver#receive} decided: run the handler ({@link Accepted}), or answer at once
 * ({@link Duplicate}, {@link Rejected}) with {@link #answer()}.
 */
public sealed interface ReceiveResult {
    /**
     * The answer to send without calling the handler.
     *
     * @throws IllegalStateException for {@link Accepted}, whose answer is the handler's
     */
    HttpAnswer answer();

    /** The handler should run for this delivery, then {@link WebhookReceiver#finish} it. */
    record Accepted(VerifiedDelivery delivery) implements ReceiveResult {
        public Accepted {
            Objects.requireNonNull(delivery, "delivery");
        }

        @Override
        public HttpAnswer answer() {
            throw new IllegalStateException("an accepted delivery is answered by its handler");
        }
    }

    /**
     * The idempotency key was completed before: answer 200 {@code {"status":"duplicate"}} and do not
     * run the handler.
     */
    record Duplicate(String idempotencyKey) implements ReceiveResult {
        public Duplicate {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }

        @Override
        public HttpAnswer answer() {
            return ProblemDetails.duplicate(idempotencyKey);
        }
    }

    /** The delivery is refused: answer the rejection. */
    record Rejected(Rejection rejection) implements ReceiveResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public HttpAnswer answer() {
            return rejection.toAnswer();
        }
    }
}
