package com.webriskops.webhooks.sender.outbox;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.internal.PayloadVerdicts;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.SigningStatus;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One export to one target as a {@link DeliveryStore} holds it: the export, where it stands, its
 * lease, and its attempt log. Immutable; stores hand out snapshots. A new one is {@link #pending};
 * each change is a copy made with the {@code with...} methods.
 *
 * @param id the store's id
 * @param idempotencyKey the export's idempotency key, unique in the store
 * @param targetId the target's id
 * @param providerKey the target's provider key when enqueued
 * @param signingStatus the target's {@link ExportTarget#signingStatus()} when enqueued
 * @param export what is sent
 * @param status where it stands
 * @param attempts attempts started over the delivery's life; the envelope's {@code attempt} of the
 *     running or last attempt
 * @param roundAttempts attempts started since it was enqueued or last retried on request (the retry
 *     policy's count)
 * @param roundStartedAt when this round's first attempt started, or null before it
 * @param nextAttemptAt when it is due (pending, retry_scheduled), or null
 * @param leaseOwner the dispatcher holding it (sending), or null
 * @param leaseExpiresAt when that lease ends (sending), or null
 * @param fencingToken the token of the latest claim; results under an older token are discarded
 * @param createdAt when it was enqueued
 * @param updatedAt when it last changed
 * @param attemptLog the latest attempts, oldest first (a store may keep only the most recent ones)
 * @param payloadVerdict the payload check's verdict recorded when the delivery was enqueued ({@link
 *     #judgePayload}), or null when it was not judged safe then: attempts skip the payload scan while
 *     the verdict still holds for the export and the target's current secrets, and scan otherwise
 */
public record Delivery(
        long id,
        String idempotencyKey,
        long targetId,
        ProviderKey providerKey,
        SigningStatus signingStatus,
        ExportRequest export,
        DeliveryStatus status,
        int attempts,
        int roundAttempts,
        @Nullable Instant roundStartedAt,
        @Nullable Instant nextAttemptAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseExpiresAt,
        long fencingToken,
        Instant createdAt,
        Instant updatedAt,
        List<AttemptOutcome> attemptLog,
        @Nullable String payloadVerdict) {

    public Delivery {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(providerKey, "providerKey");
        Objects.requireNonNull(signingStatus, "signingStatus");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        attemptLog = List.copyOf(attemptLog);
    }

    /**
     * Judges {@code export}'s payload for {@code target} once, as every attempt would (the payload
     * check of {@link com.webriskops.webhooks.sender.WebhookSender}): the verdict a store records with
     * the delivery when it is enqueued, or null when the payload is not safe to send (its attempts then
     * scan it and end blocked {@code webhook_payload_unsafe}). The verdict is a keyed fingerprint of
     * the export and the target's secrets that reveals neither; it stops holding when either changes.
     * Thread-safe.
     */
    @Nullable
    public static String judgePayload(ExportTarget target, ExportRequest export) {
        return PayloadVerdicts.judge(target, export);
    }

    /**
     * A new delivery of {@code export} to {@code target}: pending, due at {@code now}, no attempt yet,
     * the target's provider key and signing status as they are now, and its payload judged ({@link
     * #judgePayload}).
     */
    public static Delivery pending(long id, ExportTarget target, ExportRequest export, Instant now) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        return new Delivery(
                id,
                export.idempotencyKey(),
                target.id(),
                target.providerKey(),
                target.signingStatus(),
                export,
                DeliveryStatus.PENDING,
                0,
                0,
                null,
                now,
                null,
                null,
                0,
                now,
                now,
                List.of(),
                PayloadVerdicts.judge(target, export));
    }

    /** This delivery with another status. */
    public Delivery withStatus(DeliveryStatus status) {
        Change change = new Change(this);
        change.status = status;
        return change.delivery();
    }

    /** This delivery with other attempt counters: over its life, in this round, and the round's start. */
    public Delivery withAttempts(int attempts, int roundAttempts, @Nullable Instant roundStartedAt) {
        Change change = new Change(this);
        change.attempts = attempts;
        change.roundAttempts = roundAttempts;
        change.roundStartedAt = roundStartedAt;
        return change.delivery();
    }

    /** This delivery due at another time, or not due by time (null). */
    public Delivery withNextAttemptAt(@Nullable Instant nextAttemptAt) {
        Change change = new Change(this);
        change.nextAttemptAt = nextAttemptAt;
        return change.delivery();
    }

    /** This delivery held by {@code owner} until {@code expiresAt} under {@code fencingToken}. */
    public Delivery withLease(String owner, Instant expiresAt, long fencingToken) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Change change = new Change(this);
        change.leaseOwner = owner;
        change.leaseExpiresAt = expiresAt;
        change.fencingToken = fencingToken;
        return change.delivery();
    }

    /** This delivery held by nobody; the fencing token stays, so older claims stay stale. */
    public Delivery withoutLease() {
        Change change = new Change(this);
        change.leaseOwner = null;
        change.leaseExpiresAt = null;
        return change.delivery();
    }

    /** This delivery with another attempt log, oldest first. */
    public Delivery withAttemptLog(List<AttemptOutcome> attemptLog) {
        Change change = new Change(this);
        change.attemptLog = attemptLog;
        return change.delivery();
    }

    /** This delivery last changed at {@code updatedAt}. */
    public Delivery withUpdatedAt(Instant updatedAt) {
        Change change = new Change(this);
        change.updatedAt = updatedAt;
        return change.delivery();
    }

    /**
     * The withers' one copy: starts from a delivery, lets a wither change the components that change
     * over a delivery's life, and builds the new delivery through the canonical constructor (whose
     * checks still apply). The identifying components are never changed.
     */
    private static final class Change {
        private final Delivery from;
        private DeliveryStatus status;
        private int attempts;
        private int roundAttempts;

        @Nullable
        private Instant roundStartedAt;

        @Nullable
        private Instant nextAttemptAt;

        @Nullable
        private String leaseOwner;

        @Nullable
        private Instant leaseExpiresAt;

        private long fencingToken;
        private Instant updatedAt;
        private List<AttemptOutcome> attemptLog;

        Change(Delivery from) {
            this.from = from;
            this.status = from.status;
            this.attempts = from.attempts;
            this.roundAttempts = from.roundAttempts;
            this.roundStartedAt = from.roundStartedAt;
            this.nextAttemptAt = from.nextAttemptAt;
            this.leaseOwner = from.leaseOwner;
            this.leaseExpiresAt = from.leaseExpiresAt;
            this.fencingToken = from.fencingToken;
            this.updatedAt = from.updatedAt;
            this.attemptLog = from.attemptLog;
        }

        Delivery delivery() {
            return new Delivery(
                    from.id,
                    from.idempotencyKey,
                    from.targetId,
                    from.providerKey,
                    from.signingStatus,
                    from.export,
                    status,
                    attempts,
                    roundAttempts,
                    roundStartedAt,
                    nextAttemptAt,
                    leaseOwner,
                    leaseExpiresAt,
                    fencingToken,
                    from.createdAt,
                    updatedAt,
                    attemptLog,
                    from.payloadVerdict);
        }
    }

    /** The last attempt's outcome, or null before any. */
    @Nullable
    public AttemptOutcome lastAttempt() {
        return attemptLog.isEmpty() ? null : attemptLog.get(attemptLog.size() - 1);
    }
}
