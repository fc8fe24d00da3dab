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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Records several attempts at once, each as {@link #reschedule} (when its {@code nextAttemptAt} is
     * set) or {@link #finish} would, for a {@link Dispatcher} that groups the write-backs of its workers
     * into one commit. A store should record them in one transaction, all or none; the default records
     * them one after another, each in its own transaction (when it throws part way, the earlier ones stay
     * recorded).
     *
     * @return for each write-back, in order, whether it was recorded (false: its claim's token was no
     *     longer current, and that write-back changed nothing)
     * @throws IllegalArgumentException if a write-back without {@code nextAttemptAt} has a status that is
     *     not terminal
     * @throws com.webriskops.webhooks.store.StoreException if the store could not record them
     */
    default List<Boolean> record(List<WriteBack> writeBacks) {
        List<Boolean> recorded = new ArrayList<>(writeBacks.size());
        for (WriteBack writeBack : writeBacks) {
            recorded.add(
                    writeBack.nextAttemptAt() != null
                            ? reschedule(
                                    writeBack.claim(), writeBack.outcome(), writeBack.nextAttemptAt(), writeBack.now())
                            : finish(writeBack.claim(), writeBack.outcome(), writeBack.status(), writeBack.now()));
        }
        return recorded;
    }

    /**
     * One attempt's result for {@link #record}. Immutable.
     *
     * @param claim the claim the attempt was made under
     * @param outcome what the attempt did
     * @param status {@link DeliveryStatus#RETRY_SCHEDULED} with {@code nextAttemptAt}, else the terminal
     *     status the delivery ends with
     * @param nextAttemptAt when to attempt again, or null when the delivery ends
     * @param now when the result is recorded
     */
    record WriteBack(
            ClaimedDelivery claim,
            AttemptOutcome outcome,
            DeliveryStatus status,
            @Nullable Instant nextAttemptAt,
            Instant now) {
        /**
         * @throws IllegalArgumentException if {@code nextAttemptAt} is set with another status than
         *     retry_scheduled, or missing with a status that is not terminal
         */
        public WriteBack {
            Objects.requireNonNull(claim, "claim");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(now, "now");
            if (nextAttemptAt != null && status != DeliveryStatus.RETRY_SCHEDULED) {
                throw new IllegalArgumentException(
                        "a next attempt goes with retry_scheduled, not " + status.wireName());
            }
            if (nextAttemptAt == null && !status.isTerminal()) {
                throw new IllegalArgumentException("a write-back without a next attempt needs exported, blocked or"
                        + " failed, not " + status.wireName());
            }
        }

        /** A retry at {@code nextAttemptAt}. */
        public static WriteBack reschedule(
                ClaimedDelivery claim, AttemptOutcome outcome, Instant nextAttemptAt, Instant now) {
            return new WriteBack(
                    claim, outcome, DeliveryStatus.RETRY_SCHEDULED, Objects.requireNonNull(nextAttemptAt), now);
        }

        /** The end of the delivery with the terminal {@code status}. */
        public static WriteBack finish(
                ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
            return new WriteBack(claim, outcome, status, null, now);
        }
    }

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

    /** Most deliveries one {@link #page} call returns. */
    int MAX_PAGE_LIMIT = 200;

    /** Most buckets one {@link #activity} call returns. */
    int MAX_ACTIVITY_BUCKETS = 1440;

    /**
     * Up to {@code limit} of the deliveries {@code filter} selects whose id is below {@code beforeId},
     * newest (highest id) first: keyset paging for operator pages. Pass {@link Long#MAX_VALUE} for the
     * first page, then the last id of the page before. The kit's SQL store answers it from an index
     * on {@code (owner, ...)} whatever the outbox's size; the default reads {@link #list} (so it sees
     * at most what that returns) and {@link #ownerOf} for each delivery.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to {@link #MAX_PAGE_LIMIT}
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be read
     */
    default List<Delivery> page(Filter filter, long beforeId, int limit) {
        Objects.requireNonNull(filter, "filter");
        checkPageLimit(limit);
        List<Delivery> all = new ArrayList<>(list(filter.status(), Integer.MAX_VALUE));
        all.sort(Comparator.comparingLong(Delivery::id).reversed());
        List<Delivery> page = new ArrayList<>();
        for (Delivery delivery : all) {
            if (delivery.id() < beforeId
                    && filter.matches(delivery)
                    && filter.owner().equals(ownerOf(delivery.id()))) {
                page.add(delivery);
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    /**
     * How many deliveries {@code owner} has in each status; statuses with none are absent. The kit's
     * SQL store answers with one grouped count over an index; the default reads {@link #list}.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be read
     */
    default Map<DeliveryStatus, Long> countByStatus(String owner) {
        TargetStore.checkOwner(owner);
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (Delivery delivery : list(null, Integer.MAX_VALUE)) {
            if (owner.equals(ownerOf(delivery.id()))) {
                counts.merge(delivery.status(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /**
     * What happened to {@code owner}'s deliveries in {@code buckets} consecutive periods of {@code
     * bucket} starting at {@code from}: deliveries enqueued, and attempts that exported, were blocked or
     * were scheduled for a retry, by the attempt's end. Attempts the store no longer keeps (beyond
     * its attempt log) are not counted. One entry per bucket, oldest first.
     *
     * @throws IllegalArgumentException if {@code bucket} is not positive or {@code buckets} is not 1 to
     *     {@link #MAX_ACTIVITY_BUCKETS}
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be read
     */
    default List<Activity> activity(String owner, Instant from, Duration bucket, int buckets) {
        TargetStore.checkOwner(owner);
        Activity.Counter counter = new Activity.Counter(from, bucket, buckets);
        for (Delivery delivery : list(null, Integer.MAX_VALUE)) {
            if (owner.equals(ownerOf(delivery.id()))) {
                counter.enqueued(delivery.createdAt());
                delivery.attemptLog().forEach(counter::attempt);
            }
        }
        return counter.activity();
    }

    /**
     * Makes a delivery due now, for an operator's "retry now": a {@code retry_scheduled} one keeps its
     * status and round (the retry policy still counts its attempts) with its next attempt moved to
     * {@code now}; a {@code blocked} or {@code failed} one is {@linkplain #retryOnRequest retried on
     * request}. The default supports only the latter.
     *
     * @return false if there is no such delivery or it is in another status
     * @throws UnsupportedOperationException if the store cannot move a scheduled retry
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be written
     */
    default boolean retryNow(long id, Instant now) {
        Delivery delivery = find(id);
        if (delivery != null && delivery.status() == DeliveryStatus.RETRY_SCHEDULED) {
            throw new UnsupportedOperationException("this store cannot move a scheduled retry");
        }
        return retryOnRequest(id, now);
    }

    /**
     * Cancels a scheduled retry: a {@code retry_scheduled} delivery becomes {@code failed}, due never
     * (the portable fallback applies; {@link #retryOnRequest} may send it again later).
     *
     * @return false if there is no such delivery or it is not retry_scheduled
     * @throws UnsupportedOperationException if the store does not support it (the default)
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot be written
     */
    default boolean cancelRetry(long id, Instant now) {
        throw new UnsupportedOperationException("this store cannot cancel a scheduled retry");
    }

    /** Checks a {@link #page} limit. */
    static int checkPageLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /**
     * Which deliveries a {@link #page} holds: one owner's, optionally only one status, one last code,
     * one target, and those enqueued in {@code [createdFrom, createdBefore)}. Immutable.
     *
     * @param owner whose deliveries
     * @param status only this status, or null for any
     * @param code only deliveries whose last attempt has this code (such as {@code
     *     generic_webhook_auth_failed}), or null for any
     * @param targetId only this target's, or null for any
     * @param createdFrom only those enqueued at or after this, or null
     * @param createdBefore only those enqueued before this, or null
     */
    record Filter(
            String owner,
            @Nullable DeliveryStatus status,
            @Nullable String code,
            @Nullable Long targetId,
            @Nullable Instant createdFrom,
            @Nullable Instant createdBefore) {
        /** Longest code a filter accepts. */
        public static final int MAX_CODE_LENGTH = 128;

        /**
         * @throws IllegalArgumentException if {@code owner} is blank or too long, or {@code code} is blank
         *     or longer than {@value #MAX_CODE_LENGTH}
         */
        public Filter {
            TargetStore.checkOwner(owner);
            if (code != null && (code.isBlank() || code.length() > MAX_CODE_LENGTH)) {
                throw new IllegalArgumentException("code must be 1 to " + MAX_CODE_LENGTH + " characters");
            }
        }

        /** Every delivery of {@code owner}. */
        public static Filter of(String owner) {
            return new Filter(owner, null, null, null, null, null);
        }

        /** True when {@code delivery} passes every condition but the owner (which a delivery does not hold). */
        public boolean matches(Delivery delivery) {
            AttemptOutcome last = delivery.lastAttempt();
            return (status == null || delivery.status() == status)
                    && (code == null || (last != null && code.equals(last.code())))
                    && (targetId == null || delivery.targetId() == targetId)
                    && (createdFrom == null || !delivery.createdAt().isBefore(createdFrom))
                    && (createdBefore == null || delivery.createdAt().isBefore(createdBefore));
        }
    }

    /**
     * One period of {@link #activity}. Immutable.
     *
     * @param start when the period begins (it ends where the next begins)
     * @param enqueued deliveries enqueued in it
     * @param exported attempts that ended exported in it
     * @param blocked attempts that ended blocked in it
     * @param retried attempts that ended with a retry scheduled in it
     */
    record Activity(Instant start, long enqueued, long exported, long blocked, long retried) {
        public Activity {
            Objects.requireNonNull(start, "start");
        }

        /** Attempts that did not export: blocked plus retried. */
        public long failures() {
            return blocked + retried;
        }

        /** Counts events into buckets; for implementations of {@link #activity}. Not thread-safe. */
        public static final class Counter {
            private final Instant from;
            private final long bucketMillis;
            private final long[][] counts;

            /**
             * Buckets of {@code bucket} from {@code from}.
             *
             * @throws IllegalArgumentException if {@code bucket} is not positive or {@code buckets} is
             *     not 1 to {@link DeliveryStore#MAX_ACTIVITY_BUCKETS}
             */
            public Counter(Instant from, Duration bucket, int buckets) {
                this.from = Objects.requireNonNull(from, "from");
                Objects.requireNonNull(bucket, "bucket");
                if (bucket.toMillis() < 1) {
                    throw new IllegalArgumentException("bucket must be at least 1 ms");
                }
                if (buckets < 1 || buckets > MAX_ACTIVITY_BUCKETS) {
                    throw new IllegalArgumentException("buckets must be 1 to " + MAX_ACTIVITY_BUCKETS);
                }
                this.bucketMillis = bucket.toMillis();
                this.counts = new long[buckets][4];
            }

            /** The start of the first bucket, in epoch milliseconds. */
            public long fromMillis() {
                return from.toEpochMilli();
            }

            /** The bucket length in milliseconds. */
            public long bucketMillis() {
                return bucketMillis;
            }

            /** The end of the last bucket, in epoch milliseconds (exclusive). */
            public long toMillis() {
                return from.toEpochMilli() + bucketMillis * counts.length;
            }

            /** Counts a delivery enqueued at {@code at}, when inside the buckets. */
            public void enqueued(Instant at) {
                add(at.toEpochMilli(), 0, 1);
            }

            /** Counts an attempt by its end and outcome, when inside the buckets. */
            public void attempt(AttemptOutcome outcome) {
                add(outcome.finishedAt().toEpochMilli(), column(outcome.status()), 1);
            }

            /**
             * Adds {@code count} events of {@code kind} ({@code enqueued}, or an attempt outcome's
             * wire name) in the bucket holding {@code atMillis}; ignored outside the buckets.
             */
            public void add(long atMillis, String kind, long count) {
                add(atMillis, kind.equals("enqueued") ? 0 : column(DeliveryStatus.fromWireName(kind)), count);
            }

            private void add(long atMillis, int column, long count) {
                long offset = atMillis - from.toEpochMilli();
                if (offset >= 0 && offset / bucketMillis < counts.length) {
                    counts[(int) (offset / bucketMillis)][column] += count;
                }
            }

            private static int column(DeliveryStatus status) {
                switch (status) {
                    case EXPORTED:
                        return 1;
                    case BLOCKED:
                        return 2;
                    default:
                        return 3;
                }
            }

            /** The buckets counted, oldest first. */
            public List<Activity> activity() {
                List<Activity> result = new ArrayList<>(counts.length);
                for (int i = 0; i < counts.length; i++) {
                    long[] c = counts[i];
                    result.add(new Activity(from.plusMillis(bucketMillis * i), c[0], c[1], c[2], c[3]));
                }
                return result;
            }
        }
    }

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
