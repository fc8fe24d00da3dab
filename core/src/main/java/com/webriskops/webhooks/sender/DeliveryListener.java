package com.webriskops.webhooks.sender;

/**
 * Notified of every attempt a {@link Dispatcher} records, for metrics and audit logs without log
 * parsing. Called on the dispatcher's worker thread after the store recorded the attempt; it should
 * return quickly, and an exception it throws is logged and otherwise ignored. Implementations must be
 * thread-safe. Every method does nothing by default.
 */
public interface DeliveryListener {
    /** A listener that does nothing. */
    DeliveryListener NONE = new DeliveryListener() {};

    /**
     * One attempt ended with {@code outcome} (its code, HTTP status and start and end times) and was
     * recorded; the delivery now stands at {@code status}: {@link DeliveryStatus#EXPORTED}, {@link
     * DeliveryStatus#BLOCKED}, {@link DeliveryStatus#RETRY_SCHEDULED} (another attempt follows), or
     * {@link DeliveryStatus#FAILED} (the retry policy gave up). An attempt whose lease was lost before
     * it was recorded is not reported (another dispatcher attempts the delivery again).
     */
    default void onAttempt(AttemptOutcome outcome, DeliveryStatus status) {}
}
