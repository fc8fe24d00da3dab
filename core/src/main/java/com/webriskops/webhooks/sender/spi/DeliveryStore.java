package com.webriskops.webhooks.sender.spi;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

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
    default Delivery enqueue(ExportTarget target, ExportRequest export, Instant now) {
        Delivery delivery = enqueue(TargetStore.DEFAULT_OWNER, target, export, now);
        if (delivery == null) {
            throw new IllegalStateException("another owner's delivery holds this idempotency key");
        }
        return delivery;
    }

    /**
     * Adds a delivery of {@code export} to {@code target} belonging to {@code owner} (the owner of the
     * target), pending and due at {@code now}. Enqueuing an idempotency key {@code owner} already
     * holds returns the existing delivery unchanged; when another owner holds the key, nothing
     * changes and the answer is null (idempotency keys stay unique in the store).
     *
     * @throws IllegalArgumentException if {@code owner} is blank or too long
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot take it (down, full)
     */
    @Nullable
    Delivery enqueue(String owner, ExportTarget target, ExportRequest export, Instant now);

    /**
     * The owner of the delivery with this id, or null when there is none. Deliveries enqueued without
     * an owner, and those stored before stores kept owners, belong to {@link
     * TargetStore#DEFAULT_OWNER}.
     */
    @Nullable
    String ownerOf(long id);

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

    /** The delivery with this idempotency key whoever owns it, or null. */
    @Nullable
    Delivery findByIdempotencyKey(String idempotencyKey);

    /**
     * The delivery with this idempotency key when {@code owner} owns it; null when there is none or
     * another owner has it (the two are not told apart).
     */
    @Nullable
    default Delivery findByIdempotencyKey(String owner, String idempotencyKey) {
        Objects.requireNonNull(owner, "owner");
        Delivery delivery = findByIdempotencyKey(idempotencyKey);
        // A delivery's owner never changes, so the check cannot go stale.
        return delivery != null && owner.equals(ownerOf(delivery.id())) ? delivery : null;
    }

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
     * A delivery claimed by one dispatcher: the snapshot taken at claim time, the fencing token every
     * write-back must carry, and the lease's end. Immutable.
     *
     * @param delivery the delivery as claimed (status sending; {@code attempts} already counts this one)
     * @param fencingToken the claim's token; a write-back with an older token is discarded
     * @param owner the dispatcher that claimed it
     * @param leaseExpiresAt when another dispatcher may claim it again
     */
    public record ClaimedDelivery(Delivery delivery, long fencingToken, String owner, Instant leaseExpiresAt) {
        public ClaimedDelivery {
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        }

        /** The store id. */
        public long id() {
            return delivery.id();
        }

        /** The attempt number this claim makes. */
        public int attemptNumber() {
            return delivery.attempts();
        }
    }

    /**
     * A store in this JVM's memory holding at most 10,000 deliveries, for tests, demos and
     * single-instance senders that may lose their outbox on restart; see {@link #inMemory(int)}.
     */
    static DeliveryStore inMemory() {
        return new InMemoryDeliveryStore();
    }

    /**
     * A store in this JVM's memory holding at most {@code maxDeliveries}. When full, the oldest
     * exported deliveries are dropped, and if none can be, {@link #enqueue} throws {@link
     * com.webriskops.webhooks.store.StoreException}. Keeps the last 50 attempts of each delivery.
     * Thread-safe: every operation holds one lock briefly.
     *
     * @throws IllegalArgumentException if {@code maxDeliveries} is not positive
     */
    static DeliveryStore inMemory(int maxDeliveries) {
        return new InMemoryDeliveryStore(maxDeliveries);
    }

    /**
     * How many deliveries wait (pending, retry_scheduled or sending) and when the oldest one due at
     * {@code now} became due, for gauges and health checks. The default reads {@link #list} for each
     * waiting status, so it sees at most 1000 of each; the kit's stores answer it with one count.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be read
     */
    default Backlog backlog(Instant now) {
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
        return new Backlog(waiting, oldest);
    }

    /**
     * How much work a store holds, for gauges and health checks: what {@link #backlog} found.
     * Immutable.
     *
     * @param waiting deliveries not yet in a terminal status (pending, retry_scheduled or sending)
     * @param oldestDueAt when the longest-waiting claimable delivery became due (its next attempt
     *     time, or its expired lease's end), or null when nothing is due at the time asked
     */
    record Backlog(long waiting, @Nullable Instant oldestDueAt) {
        /** Nothing waiting. */
        public static final Backlog EMPTY = new Backlog(0, null);

        /**
         * @throws IllegalArgumentException if {@code waiting} is negative
         */
        public Backlog {
            if (waiting < 0) {
                throw new IllegalArgumentException("waiting must not be negative, not " + waiting);
            }
        }

        /** How long the oldest due delivery has waited past its due time at {@code now}; zero when none is due. */
        public Duration oldestDueLag(Instant now) {
            if (oldestDueAt == null || oldestDueAt.isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(oldestDueAt, now);
        }
    }
}
