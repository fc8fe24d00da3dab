package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A {@link DeliveryStore} in this JVM's memory, for tests, demos and single-instance senders that may
 * lose their outbox on restart. Bounded: at most {@link #DEFAULT_MAX_DELIVERIES} deliveries (or the
 * number given); when full, the oldest exported ones are dropped, and if none can be, {@link
 * #enqueue} throws {@link StoreException}. Keeps the last {@link #MAX_ATTEMPT_LOG} attempts of each
 * delivery. Thread-safe: every operation holds one lock briefly.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    /** Default bound on deliveries held. */
    public static final int DEFAULT_MAX_DELIVERIES = 10_000;
    /** Attempts kept per delivery. */
    public static final int MAX_ATTEMPT_LOG = 50;

    private final Object lock = new Object();
    private final int maxDeliveries;
    private final TreeMap<Long, Delivery> byId = new TreeMap<>();
    private final Map<String, Long> byKey = new HashMap<>();
    private final Map<Long, String> owners = new HashMap<>();
    private final Map<Long, DeliveryStatus> statusBeforeClaim = new HashMap<>();
    private long nextId = 1;
    private long nextToken = 1;

    /** A store holding at most {@link #DEFAULT_MAX_DELIVERIES}. */
    public InMemoryDeliveryStore() {
        this(DEFAULT_MAX_DELIVERIES);
    }

    /**
     * A store holding at most {@code maxDeliveries}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public InMemoryDeliveryStore(int maxDeliveries) {
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be positive, not " + maxDeliveries);
        }
        this.maxDeliveries = maxDeliveries;
    }

    @Override
    @Nullable
    public Delivery enqueue(String owner, ExportTarget target, ExportRequest export, Instant now) {
        TargetStore.checkOwner(owner);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Long existing = byKey.get(export.idempotencyKey());
            if (existing != null) {
                return owner.equals(owners.get(existing)) ? byId.get(existing) : null;
            }
            if (byId.size() >= maxDeliveries) {
                evictExported();
            }
            if (byId.size() >= maxDeliveries) {
                throw new StoreException(
                        "the in-memory delivery store is full (" + maxDeliveries + " deliveries not yet exported)");
            }
            long id = nextId++;
            Delivery delivery = Delivery.pending(id, target, export, now);
            byId.put(id, delivery);
            byKey.put(export.idempotencyKey(), id);
            owners.put(id, owner);
            return delivery;
        }
    }

    @Override
    public List<ClaimedDelivery> claimDue(String owner, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        synchronized (lock) {
            List<Delivery> due = new ArrayList<>();
            for (Delivery d : byId.values()) {
                if (isDue(d, now)) {
                    due.add(d);
                }
            }
            due.sort(Comparator.comparing(InMemoryDeliveryStore::dueAt).thenComparingLong(Delivery::id));
            List<ClaimedDelivery> claims = new ArrayList<>();
            Instant leaseEnd = now.plus(lease);
            for (Delivery d : due.subList(0, Math.min(limit, due.size()))) {
                long token = nextToken++;
                if (d.status() != DeliveryStatus.SENDING) {
                    statusBeforeClaim.put(d.id(), d.status());
                }
                Delivery claimed = d.withStatus(DeliveryStatus.SENDING)
                        .withAttempts(
                                d.attempts() + 1,
                                d.roundAttempts() + 1,
                                d.roundStartedAt() != null ? d.roundStartedAt() : now)
                        .withNextAttemptAt(null)
                        .withLease(owner, leaseEnd, token)
                        .withUpdatedAt(now);
                byId.put(d.id(), claimed);
                claims.add(new ClaimedDelivery(claimed, token, owner, leaseEnd));
            }
            return claims;
        }
    }

    @Override
    public boolean reschedule(ClaimedDelivery claim, AttemptOutcome outcome, Instant nextAttemptAt, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        return writeBack(claim, outcome, DeliveryStatus.RETRY_SCHEDULED, nextAttemptAt, now);
    }

    @Override
    public boolean finish(ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("finish needs exported, blocked or failed, not " + status.wireName());
        }
        return writeBack(claim, outcome, status, null, now);
    }

    @Override
    public boolean release(ClaimedDelivery claim, Instant now) {
        return endClaim(claim, now, d -> {
            DeliveryStatus before = statusBeforeClaim.getOrDefault(d.id(), DeliveryStatus.PENDING);
            int roundAttempts = Math.max(0, d.roundAttempts() - 1);
            return d.withStatus(before)
                    .withAttempts(
                            Math.max(0, d.attempts() - 1),
                            roundAttempts,
                            roundAttempts == 0 ? null : d.roundStartedAt())
                    .withNextAttemptAt(now)
                    .withoutLease()
                    .withUpdatedAt(now);
        });
    }

    @Override
    @Nullable
    public Delivery find(long id) {
        synchronized (lock) {
            return byId.get(id);
        }
    }

    @Override
    @Nullable
    public String ownerOf(long id) {
        synchronized (lock) {
            return owners.get(id);
        }
    }

    @Override
    @Nullable
    public Delivery findByIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        synchronized (lock) {
            Long id = byKey.get(idempotencyKey);
            return id == null ? null : byId.get(id);
        }
    }

    @Override
    public List<Delivery> list(@Nullable DeliveryStatus status, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
        synchronized (lock) {
            List<Delivery> result = new ArrayList<>();
            for (Delivery d : byId.values()) {
                if (status == null || d.status() == status) {
                    result.add(d);
                    if (result.size() == limit) {
                        break;
                    }
                }
            }
            return result;
        }
    }

    @Override
    public boolean retryOnRequest(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        return replace(
                id,
                d -> d.status() == DeliveryStatus.BLOCKED || d.status() == DeliveryStatus.FAILED,
                d -> d.withStatus(DeliveryStatus.PENDING)
                        .withAttempts(d.attempts(), 0, null)
                        .withNextAttemptAt(now)
                        .withoutLease()
                        .withUpdatedAt(now));
    }

    @Override
    public boolean retryNow(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            return replace(
                            id,
                            d -> d.status() == DeliveryStatus.RETRY_SCHEDULED,
                            d -> d.withNextAttemptAt(now).withUpdatedAt(now))
                    || retryOnRequest(id, now);
        }
    }

    @Override
    public boolean cancelRetry(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        return replace(
                id,
                d -> d.status() == DeliveryStatus.RETRY_SCHEDULED,
                d -> d.withStatus(DeliveryStatus.FAILED).withNextAttemptAt(null).withUpdatedAt(now));
    }

    /** Replaces delivery {@code id} with {@code change} of it when {@code allowed}; false when absent or not allowed. */
    private boolean replace(long id, Predicate<Delivery> allowed, UnaryOperator<Delivery> change) {
        synchronized (lock) {
            Delivery d = byId.get(id);
            if (d == null || !allowed.test(d)) {
                return false;
            }
            byId.put(id, change.apply(d));
            return true;
        }
    }

    @Override
    public DeliveryStore.Backlog backlog(Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            long waiting = 0;
            Instant oldest = null;
            for (Delivery d : byId.values()) {
                if (d.status().isTerminal()) {
                    continue;
                }
                waiting++;
                if (isDue(d, now)) {
                    Instant dueAt = dueAt(d).equals(Instant.MIN) ? now : dueAt(d);
                    if (oldest == null || dueAt.isBefore(oldest)) {
                        oldest = dueAt;
                    }
                }
            }
            return new DeliveryStore.Backlog(waiting, oldest);
        }
    }

    private boolean writeBack(
            ClaimedDelivery claim,
            AttemptOutcome outcome,
            DeliveryStatus status,
            @Nullable Instant nextAttemptAt,
            Instant now) {
        return endClaim(claim, now, d -> {
            List<AttemptOutcome> log = new ArrayList<>(d.attemptLog());
            log.add(outcome);
            if (log.size() > MAX_ATTEMPT_LOG) {
                log = log.subList(log.size() - MAX_ATTEMPT_LOG, log.size());
            }
            return d.withStatus(status)
                    .withNextAttemptAt(nextAttemptAt)
                    .withoutLease()
                    .withUpdatedAt(now)
                    .withAttemptLog(log);
        });
    }

    /**
     * Ends {@code claim} if it still holds its delivery: replaces the delivery with {@code ended} applied to it
     * (under the lock) and forgets its status before the claim. Returns false, changing nothing, otherwise.
     */
    private boolean endClaim(ClaimedDelivery claim, Instant now, UnaryOperator<Delivery> ended) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            Delivery d = current(claim);
            if (d == null) {
                return false;
            }
            byId.put(d.id(), ended.apply(d));
            statusBeforeClaim.remove(d.id());
            return true;
        }
    }

    /** The delivery if {@code claim} still holds it (same token, still sending). Holds the lock. */
    @Nullable
    private Delivery current(ClaimedDelivery claim) {
        Delivery d = byId.get(claim.id());
        if (d == null || d.status() != DeliveryStatus.SENDING || d.fencingToken() != claim.fencingToken()) {
            return null;
        }
        return d;
    }

    private static boolean isDue(Delivery d, Instant now) {
        switch (d.status()) {
            case PENDING:
            case RETRY_SCHEDULED:
                return d.nextAttemptAt() == null || !d.nextAttemptAt().isAfter(now);
            case SENDING:
                return d.leaseExpiresAt() == null || !d.leaseExpiresAt().isAfter(now);
            default:
                return false;
        }
    }

    private static Instant dueAt(Delivery d) {
        Instant at = d.status() == DeliveryStatus.SENDING ? d.leaseExpiresAt() : d.nextAttemptAt();
        return at == null ? Instant.MIN : at;
    }

    private void evictExported() {
        List<Long> exported = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (d.status() == DeliveryStatus.EXPORTED) {
                exported.add(d.id());
            }
        }
        int toDrop = Math.max(1, byId.size() - maxDeliveries + 1);
        for (Long id : exported.subList(0, Math.min(toDrop, exported.size()))) {
            Delivery removed = byId.remove(id);
            byKey.remove(removed.idempotencyKey());
            owners.remove(removed.id());
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryDeliveryStore[deliveries=" + byId.size() + ", max=" + maxDeliveries + "]";
        }
    }
}
