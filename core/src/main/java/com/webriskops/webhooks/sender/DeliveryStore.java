package com.webriskops.webhooks.sender;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The sender's outbox: durable delivery state, so a crash or a second instance neither loses nor
 * doubles a delivery. A {@link Dispatcher} claims due deliveries with a lease and a fencing token,
 * makes the attempt outside any store transaction, and writes the result back with the token; a
 * write-back whose token is no longer current (the lease expired and someone else claimed the
 * delivery) changes nothing and returns false.
 *
 * <p>Designed so a SQL implementation does each operation in one short statement or transaction,
 * never holding a lock across an HTTP call: {@link #claimDue} is one {@code UPDATE ... WHERE id IN
 * (SELECT ... FOR UPDATE SKIP LOCKED)} (or {@code UPDATE ... RETURNING}) that sets status {@code
 * sending}, the lease, {@code attempts + 1} and a new token from a sequence; {@link #reschedule},
 * {@link #finish} and {@link #release} are one {@code UPDATE ... WHERE id = ? AND fencing_token = ?}
 * each (plus an insert into the attempt log in the same transaction). Times are passed in, never read
 * from the database clock, so every instance and test agrees on them.
 *
 * <p>Implementations must be thread-safe. Store failures are {@link
 * com.webriskops.webhooks.store.StoreException}s.
 */
public interface DeliveryStore {
    /**
     * Adds a delivery of {@code export} to {@code target}, pending and due at {@code now}. Enqueuing an
     * idempotency key already present returns the existing delivery unchanged.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot take it (down, full)
     */
    Delivery enqueue(ExportTarget target, ExportRequest export, Instant now);

    /**
     * Claims up to {@code limit} due deliveries for {@code owner}: pending or retry_scheduled ones
     * whose next attempt is due at {@code now}, and sending ones whose lease has expired (their
     * dispatcher crashed). Each becomes {@code sending} with a lease until {@code now + lease}, a new
     * fencing token and its attempt counters raised by one. Oldest due first.
     */
    List<ClaimedDelivery> claimDue(String owner, Instant now, Duration lease, int limit);

    /**
     * Records the attempt and schedules the next one at {@code nextAttemptAt} (status {@code
     * retry_scheduled}).
     *
     * @return false, changing nothing, if the claim's token is no longer current
     */
    boolean reschedule(ClaimedDelivery claim, AttemptOutcome outcome, Instant nextAttemptAt, Instant now);

    /**
     * Records the attempt and ends the delivery with {@code status} (exported, blocked or failed).
     *
     * @return false, changing nothing, if the claim's token is no longer current
     * @throws IllegalArgumentException if {@code status} is not terminal
     */
    boolean finish(ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, Instant now);

    /**
     * Gives an unstarted claim back: the status it had before, due at {@code now}, its counters
     * lowered again, no lease.
     *
     * @return false, changing nothing, if the claim's token is no longer current
     */
    boolean release(ClaimedDelivery claim, Instant now);

    /** The delivery with this id, or null. */
    @Nullable
    Delivery find(long id);

    /** The delivery with this idempotency key, or null. */
    @Nullable
    Delivery findByIdempotencyKey(String idempotencyKey);

    /** Up to {@code limit} deliveries with {@code status} (any status when null), oldest first. */
    List<Delivery> list(@Nullable DeliveryStatus status, int limit);

    /**
     * Sends a blocked or failed delivery again, after its cause was fixed: pending, due at {@code
     * now}, a new round (the retry policy counts afresh; the envelope's attempt number keeps
     * growing).
     *
     * @return false if there is no such delivery or it is not blocked or failed
     */
    boolean retryOnRequest(long id, Instant now);

    /**
     * How many deliveries wait (pending, retry_scheduled or sending) and when the oldest one due at
     * {@code now} became due, for gauges and health checks. The default reads {@link #list} for each
     * waiting status, so it sees at most 1000 of each; the kit's stores answer it with one count.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be read
     */
    default DeliveryBacklog backlog(Instant now) {
        long waiting = 0;
        Instant oldest = null;
        for (DeliveryStatus status :
                List.of(DeliveryStatus.PENDING, DeliveryStatus.RETRY_SCHEDULED, DeliveryStatus.SENDING)) {
            for (Delivery delivery : list(status, 1000)) {
                waiting++;
                Instant dueAt = status == DeliveryStatus.SENDING ? delivery.leaseExpiresAt() : delivery.nextAttemptAt();
                if (dueAt != null && !dueAt.isAfter(now) && (oldest == null || dueAt.isBefore(oldest))) {
                    oldest = dueAt;
                }
            }
        }
        return new DeliveryBacklog(waiting, oldest);
    }
}
