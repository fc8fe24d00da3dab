package com.webriskops.webhooks.receiver;

import java.util.Objects;

/**
 * What {@link WebhookReceiver#receive} decided: run the handler ({@link Accepted}), or answer at once
 * ({@link Duplicate}, {@link Rejected}) with {@link #answer()}.
 *
 * @param <P> the payload type of the receiver's scheme
 */
public sealed interface ReceiveResult<P> {
    /**
     * The answer to send without calling the handler.
     *
     * @throws IllegalStateException for {@link Accepted}, whose answer is the handler's
     */
    HttpAnswer answer();

    /** The handler should run for this delivery, then {@link WebhookReceiver#finish} it. */
    record Accepted<P>(VerifiedDelivery<P> delivery) implements ReceiveResult<P> {
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
    record Duplicate<P>(String idempotencyKey) implements ReceiveResult<P> {
        public Duplicate {
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        }

        @Override
        public HttpAnswer answer() {
            return ProblemDetails.duplicate(idempotencyKey);
        }
    }

    /** The delivery is refused: answer the rejection. */
    record Rejected<P>(Rejection rejection) implements ReceiveResult<P> {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }

        @Override
        public HttpAnswer answer() {
            return rejection.toAnswer();
        }
    }
}
