package com.webriskops.webhooks.receiver;

import java.time.Duration;

/**
 * Notified of every outcome of the pipeline, for metrics and audit logs without log parsing. Methods
 * are called on the request's thread and should return quickly; an exception they throw is logged
 * and otherwise ignored. Implementations must be thread-safe. Every method does nothing by default.
 */
public interface VerificationListener {
    /** A listener that does nothing. */
    VerificationListener NONE = new VerificationListener() {};

    /** The delivery passed every check and its handler is about to run. */
    default void onAccepted(VerifiedDelivery<?> delivery) {}

    /** The idempotency key was completed before; the handler does not run. */
    default void onDuplicate(String idempotencyKey) {}

    /** The delivery was refused. */
    default void onRejected(Rejection rejection) {}

    /**
     * The delivery's replay id (the WebRiskOps nonce) was recorded before: it is refused as a replay.
     * Called just before {@link #onRejected} with its 401.
     */
    default void onReplayed(String replayId) {}

    /**
     * The pipeline reached {@code result} after {@code elapsed} (reading the body, the signature,
     * payload, policy and store checks); called once per {@link WebhookReceiver#receive}, after {@link
     * #onAccepted}, {@link #onDuplicate} or {@link #onRejected}. For timers: the handler's own time is
     * not included.
     */
    default void onVerified(ReceiveResult<?> result, Duration elapsed) {}

    /**
     * The handler answered {@code status}; {@code completed} tells whether the key is now completed
     * (true) or was released for a retry (false). Called once per delivery, for its first finish.
     */
    default void onFinished(VerifiedDelivery<?> delivery, int status, boolean completed) {}
}
