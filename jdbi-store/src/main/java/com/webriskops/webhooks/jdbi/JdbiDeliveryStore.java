package com.webriskops.webhooks.jdbi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.SigningStatus;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link DeliveryStore} in two database tables ({@code <prefix>deliveries} and {@code
 * <prefix>delivery_attempts}), shared by every dispatcher on the same database. Obtain one from
 * {@link JdbiStores#deliveryStore()}.
 *
 * <p>Each operation is one statement or one short transaction; no lock is held between calls, so none
 * is held across an HTTP attempt. {@link #claimDue} takes due rows with {@code FOR UPDATE SKIP
 * LOCKED} on PostgreSQL (one {@code UPDATE ... RETURNING} statement) and MariaDB 10.6+ (a select and
 * an update in one transaction); on H2, one {@code UPDATE} read back through {@code FINAL TABLE}.
 * Every claim raises the row's fencing token; {@link #reschedule}, {@link #finish} and {@link
 * #release} change the row only while it is {@code sending} under the claim's token, and append to
 * the attempt log in the same transaction. The log keeps the latest {@link #MAX_ATTEMPT_LOG} attempts
 * of each delivery. Times are passed in and stored as epoch milliseconds.
 *
 * <p>No secret is stored: a delivery holds its target's id, provider key and signing status, and the
 * export as JSON; the dispatcher looks the target (and its secrets) up at attempt time.
 *
 * <p>Immutable and thread-safe. Database failures are {@link StoreException}s whose message names
 * the operation and SQLState, never the SQL or its parameters; the cause holds the driver's exception.
 */
public final class JdbiDeliveryStore implements DeliveryStore {
    /** Attempts kept per delivery in the attempt log. */
    public static final int MAX_ATTEMPT_LOG = 50;

    /** The most deliveries one {@link #list} or {@link #claimDue} call returns, whatever limit is asked. */
    public static final int MAX_LIMIT = 1000;

    private static final int MAX_MESSAGE_CHARS = 1024;
    private static final int MAX_CODE_CHARS = 128;

    private final DeliverySql sql;
    private final String deliveries;

    JdbiDeliveryStore(DeliverySql sql, String tablePrefix) {
        this.sql = sql;
        this.deliveries = tablePrefix + "deliveries";
    }

    /**
     * {@inheritDoc}
     *
     * <p>One insert that does nothing when the key exists, then one read of the row.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    @Nullable
    public Delivery enqueue(String owner, ExportTarget target, ExportRequest export, Instant now) {
        TargetStore.checkOwner(owner);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(now, "now");
        String json = toJson(export);
        String verdict = Delivery.judgePayload(target, export);
        long nowMs = Times.epochMillis(now);
        StoreErrors.run("enqueue a webhook delivery", () -> {
            sql.insertIfAbsent(
                    export.idempotencyKey(),
                    owner,
                    target.id(),
                    target.providerKey().wireName(),
                    target.signingStatus().wireName(),
                    json,
                    verdict,
                    nowMs);
            return null;
        });
        Delivery delivery = findByIdempotencyKey(export.idempotencyKey());
        if (delivery == null) {
            throw new StoreException("The webhook delivery vanished right after it was enqueued");
        }
        return owner.equals(ownerOf(delivery.id())) ? delivery : null;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    @Nullable
    public String ownerOf(long id) {
        return StoreErrors.run("read a webhook delivery's owner", () -> sql.ownerOf(id))
                .orElse(null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns at most {@link #MAX_LIMIT} claims, in id order. On H2 a claim racing another may
     * return fewer than are due.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws IllegalArgumentException if {@code limit} is not positive or {@code lease} is not positive
     * @throws NullPointerException if an argument is null
     */
    @Override
    public List<DeliveryStore.ClaimedDelivery> claimDue(String owner, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        checkLimit(limit);
        if (lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("lease must be positive, not " + lease);
        }
        long nowMs = Times.epochMillis(now);
        long leaseEndMs = Times.epochMillis(now.plus(lease));
        List<DeliveryRow> rows = StoreErrors.run(
                "claim due webhook deliveries", () -> sql.claim(owner, nowMs, leaseEndMs, Math.min(limit, MAX_LIMIT)));
        List<DeliveryStore.ClaimedDelivery> claims = new ArrayList<>(rows.size());
        for (Delivery delivery : withLogs(rows)) {
            claims.add(new DeliveryStore.ClaimedDelivery(
                    delivery, delivery.fencingToken(), owner, Objects.requireNonNull(delivery.leaseExpiresAt())));
        }
        return claims;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean reschedule(
            DeliveryStore.ClaimedDelivery claim, AttemptOutcome outcome, Instant nextAttemptAt, Instant now) {
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        return writeBack(claim, outcome, DeliveryStatus.RETRY_SCHEDULED, Times.epochMillis(nextAttemptAt), now);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean finish(
            DeliveryStore.ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("finish needs exported, blocked or failed, not " + status.wireName());
        }
        return writeBack(claim, outcome, status, null, now);
    }

    /**
     * {@inheritDoc} Here in one transaction, all or none; on PostgreSQL the write-backs go to the
     * database as one JDBC batch followed by one commit.
     *
     * @throws StoreException if the database could not be reached or a statement failed (nothing is
     *     recorded then)
     * @throws NullPointerException if an argument is null
     */
    @Override
    public List<Boolean> record(List<DeliveryStore.WriteBack> writeBacks) {
        Objects.requireNonNull(writeBacks, "writeBacks");
        if (writeBacks.isEmpty()) {
            return List.of();
        }
        List<DeliverySql.Written> all = new ArrayList<>(writeBacks.size());
        for (DeliveryStore.WriteBack writeBack : writeBacks) {
            Instant next = writeBack.nextAttemptAt();
            all.add(new DeliverySql.Written(
                    writeBack.claim().id(),
                    writeBack.claim().fencingToken(),
                    writeBack.status().wireName(),
                    next == null ? null : Times.epochMillis(next),
                    Times.epochMillis(writeBack.now()),
                    attemptRow(writeBack.claim(), writeBack.outcome())));
        }
        return StoreErrors.run("record webhook delivery attempts", () -> sql.writeBackAll(all, MAX_ATTEMPT_LOG));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if an argument is null
     */
    @Override
    public boolean release(DeliveryStore.ClaimedDelivery claim, Instant now) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        return StoreErrors.run("release a webhook delivery", () -> sql.release(claim.id(), claim.fencingToken(), nowMs))
                > 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    @Nullable
    public Delivery find(long id) {
        DeliveryRow row = StoreErrors.run("find a webhook delivery", () -> sql.findRow(id));
        return row == null ? null : withLogs(List.of(row)).get(0);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws NullPointerException if the key is null
     */
    @Override
    @Nullable
    public Delivery findByIdempotencyKey(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        DeliveryRow row = StoreErrors.run("find a webhook delivery", () -> sql.findRowByKey(idempotencyKey));
        return row == null ? null : withLogs(List.of(row)).get(0);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns at most {@link #MAX_LIMIT} deliveries, in id order (the order they were enqueued).
     *
     * @throws StoreException if the database could not be reached or a statement failed
     * @throws IllegalArgumentException if {@code limit} is not positive
     */
    @Override
    public List<Delivery> list(@Nullable DeliveryStatus status, int limit) {
        checkLimit(limit);
        int bounded = Math.min(limit, MAX_LIMIT);
        List<DeliveryRow> rows = StoreErrors.run(
                "list webhook deliveries",
                () -> status == null ? sql.listRows(bounded) : sql.listRowsWithStatus(status.wireName(), bounded));
        return withLogs(rows);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if {@code now} is null
     */
    @Override
    public boolean retryOnRequest(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        return StoreErrors.run("retry a webhook delivery", () -> sql.retryOnRequest(id, nowMs)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement per page over the {@code (owner, id)}, {@code (owner, status, id)} or {@code
     * (owner, target_id, id)} index (migration {@code V8}), read backwards from {@code beforeId}, so a
     * page costs the same on the first page and the thousandth; the code filter probes each row's
     * last attempt by primary key.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    public List<Delivery> page(DeliveryStore.Filter filter, long beforeId, int limit) {
        Objects.requireNonNull(filter, "filter");
        DeliveryStore.checkPageLimit(limit);
        List<DeliveryRow> rows = StoreErrors.run("page webhook deliveries", () -> sql.page(filter, beforeId, limit));
        List<Delivery> page = new ArrayList<>(withLogs(rows));
        page.sort(Comparator.comparingLong(Delivery::id).reversed());
        return page;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One grouped count over the {@code (owner, status, id)} index.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public Map<DeliveryStatus, Long> countByStatus(String owner) {
        TargetStore.checkOwner(owner);
        Map<String, Long> rows = StoreErrors.run("count webhook deliveries", () -> sql.countByStatus(owner));
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        rows.forEach((status, n) -> counts.put(DeliveryStatus.fromWireName(status), n));
        return counts;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two grouped statements: enqueued deliveries over the {@code (owner, created_at_ms)} index,
     * attempts over the attempt log's {@code finished_at_ms} index.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    public List<DeliveryStore.Activity> activity(String owner, Instant from, Duration bucket, int buckets) {
        TargetStore.checkOwner(owner);
        DeliveryStore.Activity.Counter counter = new DeliveryStore.Activity.Counter(from, bucket, buckets);
        StoreErrors.run("chart webhook deliveries", () -> {
            sql.activity(owner, counter);
            return null;
        });
        return counter.activity();
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    public boolean retryNow(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        return StoreErrors.run("retry a webhook delivery now", () -> sql.retryScheduledNow(id, nowMs)) > 0
                || retryOnRequest(id, now);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public boolean cancelRetry(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        return StoreErrors.run("cancel a webhook delivery's retry", () -> sql.cancelRetry(id, nowMs)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One aggregate statement over the due-time index.
     *
     * @throws StoreException if the database could not be reached or the statement failed
     * @throws NullPointerException if {@code now} is null
     */
    @Override
    public DeliveryStore.Backlog backlog(Instant now) {
        Objects.requireNonNull(now, "now");
        return StoreErrors.run("count waiting webhook deliveries", () -> sql.backlog(Times.epochMillis(now)));
    }

    @Override
    public String toString() {
        return "JdbiDeliveryStore[table=" + deliveries + "]";
    }

    private boolean writeBack(
            DeliveryStore.ClaimedDelivery claim,
            AttemptOutcome outcome,
            DeliveryStatus status,
            @Nullable Long nextMs,
            Instant now) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        AttemptRow attempt = attemptRow(claim, outcome);
        return StoreErrors.run(
                "record a webhook delivery attempt",
                () -> sql.writeBack(
                        claim.id(), claim.fencingToken(), status.wireName(), nextMs, nowMs, attempt, MAX_ATTEMPT_LOG));
    }

    private static AttemptRow attemptRow(DeliveryStore.ClaimedDelivery claim, AttemptOutcome outcome) {
        return new AttemptRow(
                claim.id(),
                0,
                outcome.attempt(),
                outcome.status().wireName(),
                truncate(outcome.code(), MAX_CODE_CHARS),
                outcome.httpStatus(),
                Objects.requireNonNull(truncate(outcome.message(), MAX_MESSAGE_CHARS)),
                outcome.retryAfter() == null ? null : outcome.retryAfter().toMillis(),
                outcome.responseSnippet(),
                outcome.requestSent(),
                Times.epochMillis(outcome.startedAt()),
                Times.epochMillis(outcome.finishedAt()));
    }

    /** The deliveries of {@code rows}, in the same order, each with its attempt log. */
    private List<Delivery> withLogs(List<DeliveryRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(rows.size());
        for (DeliveryRow row : rows) {
            if (row.logCount() > 0) {
                ids.add(row.id());
            }
        }
        // Rows never attempted (most claims) have no log: no second round trip for them.
        List<AttemptRow> attemptRows = ids.isEmpty()
                ? List.of()
                : StoreErrors.run("read webhook delivery attempts", () -> sql.attemptsOf(ids));
        Map<Long, List<AttemptOutcome>> logs = new HashMap<>();
        for (AttemptRow row : attemptRows) {
            logs.computeIfAbsent(row.deliveryId(), id -> new ArrayList<>()).add(toOutcome(row));
        }
        List<Delivery> result = new ArrayList<>(rows.size());
        for (DeliveryRow row : rows) {
            result.add(toDelivery(row, logs.getOrDefault(row.id(), List.of())));
        }
        result.sort(Comparator.comparingLong(Delivery::id));
        return result;
    }

    private static Delivery toDelivery(DeliveryRow row, List<AttemptOutcome> log) {
        return new Delivery(
                row.id(),
                row.idempotencyKey(),
                row.targetId(),
                providerKey(row.providerKey()),
                SigningStatus.fromWireName(row.signingStatus()),
                fromJson(row.exportJson()),
                DeliveryStatus.fromWireName(row.status()),
                row.attempts(),
                row.roundAttempts(),
                instant(row.roundStartedAtMs()),
                instant(row.nextAttemptAtMs()),
                row.leaseOwner(),
                instant(row.leaseExpiresAtMs()),
                row.fencingToken(),
                Instant.ofEpochMilli(row.createdAtMs()),
                Instant.ofEpochMilli(row.updatedAtMs()),
                log,
                row.payloadVerdict());
    }

    private static AttemptOutcome toOutcome(AttemptRow row) {
        return new AttemptOutcome(
                row.attempt(),
                DeliveryStatus.fromWireName(row.status()),
                row.code(),
                row.httpStatus(),
                row.message(),
                row.retryAfterMs() == null ? null : Duration.ofMillis(row.retryAfterMs()),
                row.responseSnippet(),
                row.requestSent(),
                Instant.ofEpochMilli(row.startedAtMs()),
                Instant.ofEpochMilli(row.finishedAtMs()));
    }

    private static ProviderKey providerKey(String wireName) {
        for (ProviderKey key : ProviderKey.values()) {
            if (key.wireName().equals(wireName)) {
                return key;
            }
        }
        throw new StoreException("A stored webhook delivery names an unknown provider key");
    }

    @Nullable
    private static Instant instant(@Nullable Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }

    @Nullable
    private static String truncate(@Nullable String text, int maxChars) {
        return text == null || text.length() <= maxChars ? text : text.substring(0, maxChars);
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, not " + limit);
        }
    }

    private static String toJson(ExportRequest export) {
        try {
            return WebhookJson.mapper().writeValueAsString(export);
        } catch (JsonProcessingException e) {
            throw new StoreException("Could not write the webhook export as JSON", e);
        }
    }

    private static ExportRequest fromJson(String json) {
        try {
            return WebhookJson.mapper().readValue(json, ExportRequest.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("A stored webhook delivery holds an export that cannot be read", e);
        }
    }
}
