package com.webriskops.webhooks.sender.outbox;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore.WriteBack;
import com.webriskops.webhooks.sender.spi.TargetStore.TargetLookup;
import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works a {@link DeliveryStore}: each worker claims due deliveries with a lease, makes one attempt
 * per claim through a {@link WebhookSender} (no store transaction is open during the HTTP call), and
 * writes the result back with the claim's fencing token: retryable outcomes are rescheduled by the
 * {@link RetryPolicy} or end {@code failed}; exported and blocked ones end. A result whose lease was
 * lost meanwhile is discarded by the store. Several dispatchers, in one JVM or many, may share a
 * store.
 *
 * <p>A worker claims up to {@link Builder#batchSize} deliveries at once and attempts them one after
 * another. Before each attempt it checks that the claim's lease still outlasts one whole attempt (the
 * sender's {@linkplain WebhookSender#requestTimeout() request timeout}); when it does not, that claim
 * and the rest of the batch are released unattempted, so they are due again at once and no attempt
 * ever runs past its lease. The lease therefore only has to outlast one attempt, whatever the batch
 * size. When the store fails to record an attempt, the worker tries again a few times while the
 * claim's lease lasts (a restarted database fails the first statements on stale pooled connections);
 * if it still fails, the rest of the batch is left unattempted to its leases, so an outage repeats
 * only the attempts that were in flight.
 *
 * <p>Targets are looked up ({@link Builder#targets}) when a batch's delivery to them is attempted, and
 * a target found for one delivery serves the batch's next deliveries to it for up to {@link
 * #TARGET_REUSE} (a second): a batch to one target costs one lookup, not one per delivery (with a
 * database target store, a round trip each), and a disabled target or rotated secret still takes
 * effect within a second. A missing target is reused the same way: it blocks those deliveries.
 *
 * <p>Write-backs are committed in groups: a worker whose attempt has ended hands its result over and
 * waits until it is committed before it starts another attempt; results that arrive while a commit is
 * running go into the next one, together ({@link DeliveryStore#record}, one transaction). A lone
 * worker commits alone, at once; with several workers, one commit records the attempts that ended
 * meanwhile, so the store does not serialise the workers. Since no worker goes on before its result is
 * committed, a crash still repeats at most the attempts in flight, one per worker.
 *
 * <p>{@link #close()} shuts down gracefully: no new claims, running attempts finish and are recorded,
 * claimed but unstarted deliveries are released. Thread-safe.
 *
 * <pre>{@code
 * try (Dispatcher dispatcher = Dispatcher.builder()
 *         .store(store).sender(sender).targets(targetRepository::find).build()) {
 *     dispatcher.start();
 *     ...
 * }
 * }</pre>
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Longest wait between claims while the store keeps failing. */
    static final Duration MAX_STORE_BACKOFF = Duration.ofSeconds(30);

    private static final AtomicInteger THREADS = new AtomicInteger();

    /**
     * Default number of worker threads, so attempts in flight, per dispatcher: 8. A worker spends most
     * of an attempt waiting (for the receiver, then for its result's commit), so a dispatcher needs
     * several to keep a core busy; their write-backs share commits.
     */
    public static final int DEFAULT_WORKERS = 8;

    /** Tries to record one attempt's result before its claim is left to its lease. */
    private static final int WRITE_BACK_TRIES = 4;

    /** Default number of deliveries a worker claims at once: 16. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    /** How long a target looked up for one delivery of a batch serves the batch's next deliveries to it. */
    public static final Duration TARGET_REUSE = Duration.ofSeconds(1);

    private final DeliveryStore store;
    private final WebhookSender sender;
    private final TargetLookup targets;
    private final RetryPolicy retryPolicy;
    private final int workers;
    private final Duration pollInterval;
    private final Duration lease;
    private final int batchSize;
    private final Duration shutdownTimeout;
    private final Clock clock;
    private final String owner;
    private final Listener listener;
    private final Object signal = new Object();
    private final GroupCommit writeBacks;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();

    @Nullable
    private volatile ExecutorService executor;

    private Dispatcher(Builder builder, Duration lease, Duration shutdownTimeout) {
        this.store = builder.store;
        this.sender = builder.sender;
        this.targets = builder.targets;
        this.retryPolicy = builder.retryPolicy;
        this.workers = builder.workers;
        this.pollInterval = builder.pollInterval;
        this.lease = lease;
        this.batchSize = builder.batchSize;
        this.shutdownTimeout = shutdownTimeout;
        this.clock = builder.clock;
        this.owner = builder.owner;
        this.listener = builder.listener;
        this.writeBacks = new GroupCommit(builder.store);
    }

    /** A new builder; store, sender and targets are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The owner name written into leases. */
    public String owner() {
        return owner;
    }

    /**
     * Starts the worker threads.
     *
     * @throws IllegalStateException if already started or closed
     */
    public void start() {
        if (closing.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("a dispatcher starts once");
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "webhook-dispatcher-" + THREADS.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
        executor = pool;
        for (int i = 0; i < workers; i++) {
            pool.execute(this::workLoop);
        }
    }

    /** True once {@link #start()} ran and until {@link #close()} is called. */
    public boolean isRunning() {
        return started.get() && !closing.get();
    }

    /** Wakes idle workers to look for due deliveries now (after an enqueue, say). */
    public void wakeUp() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * Claims one batch and works it in the calling thread; for tests and for schedulers that drive the
     * dispatcher themselves. Store failures propagate.
     *
     * @return how many deliveries were attempted
     */
    public int runOnce() {
        List<ClaimedDelivery> batch = store.claimDue(owner, clock.instant(), lease, batchSize);
        return work(batch);
    }

    private void workLoop() {
        int failures = 0;
        while (!closing.get()) {
            List<ClaimedDelivery> batch;
            try {
                batch = store.claimDue(owner, clock.instant(), lease, batchSize);
            } catch (RuntimeException e) {
                failures++;
                Duration wait = storeBackoff(failures);
                // Log the first failure and then at every doubling, not once per poll.
                if (Integer.bitCount(failures) == 1) {
                    LOG.warn(
                            "Could not claim webhook deliveries ({} failure(s) in a row); retrying in {}: {}",
                            failures,
                            wait,
                            e.toString());
                }
                pause(wait);
                continue;
            }
            if (failures > 0) {
                LOG.info("Webhook delivery store reachable again after {} failed claim(s)", failures);
                failures = 0;
            }
            if (batch.isEmpty()) {
                pause(pollInterval);
            } else {
                work(batch);
            }
        }
    }

    /**
     * How long to wait after {@code failures} failed claims in a row: the poll interval doubled per
     * failure, capped at 32 poll intervals and at 30 seconds (but never below one poll interval).
     */
    Duration storeBackoff(int failures) {
        long base = Math.max(1, pollInterval.toMillis());
        long cap = Math.max(base, Math.min(MAX_STORE_BACKOFF.toMillis(), base * 32));
        long wait = base << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(cap, wait));
    }

    private int work(List<ClaimedDelivery> batch) {
        Map<Long, FoundTarget> found = new HashMap<>();
        int attempted = 0;
        boolean leaseShort = false;
        boolean storeFailed = false;
        for (int i = 0; i < batch.size(); i++) {
            ClaimedDelivery claim = batch.get(i);
            if (storeFailed) {
                // Attempts now could not be recorded and would be sent again: leave the rest of the
                // batch to its leases, unattempted.
                continue;
            }
            if (!leaseShort && !leaseOutlastsAnAttempt(claim)) {
                leaseShort = true;
                LOG.debug(
                        "Webhook delivery lease too short for another attempt; releasing {} claim(s)",
                        batch.size() - i);
            }
            if (leaseShort || closing.get()) {
                release(claim);
                continue;
            }
            try {
                process(claim, found);
            } catch (RuntimeException e) {
                // The store failed on write-back: the lease expires and another claim retries it.
                LOG.warn(
                        "Could not record webhook delivery {}; leaving {} unattempted claim(s) to their leases: {}",
                        claim.id(),
                        batch.size() - i - 1,
                        e.toString());
                storeFailed = true;
            }
            attempted++;
        }
        return attempted;
    }

    /** Whether {@code claim}'s lease ends after one more attempt would, if it started now. */
    private boolean leaseOutlastsAnAttempt(ClaimedDelivery claim) {
        return clock.instant().plus(sender.requestTimeout()).isBefore(claim.leaseExpiresAt());
    }

    /** A target as a lookup found it (null: missing or disabled), and when. */
    private record FoundTarget(@Nullable ExportTarget target, Instant at) {}

    /**
     * {@code id}'s target: the one {@code found} for this batch if it was looked up less than {@link
     * #TARGET_REUSE} ago, else a new lookup.
     */
    @Nullable
    private ExportTarget target(long id, Map<Long, FoundTarget> found) {
        Instant now = clock.instant();
        FoundTarget earlier = found.get(id);
        if (earlier != null && now.isBefore(earlier.at().plus(TARGET_REUSE)) && !now.isBefore(earlier.at())) {
            return earlier.target();
        }
        ExportTarget target = targets.find(id);
        found.put(id, new FoundTarget(target, now));
        return target;
    }

    private void process(ClaimedDelivery claim, Map<Long, FoundTarget> found) {
        Delivery delivery = claim.delivery();
        ExportTarget target = target(delivery.targetId(), found);
        AttemptOutcome outcome;
        if (target == null) {
            Instant now = clock.instant();
            outcome = AttemptOutcome.blocked(
                    claim.attemptNumber(),
                    ErrorCode.GENERIC_WEBHOOK_TARGET_MISSING,
                    "target " + delivery.targetId() + " no longer exists",
                    now,
                    now);
        } else {
            outcome = attempt(target, claim);
        }
        Instant now = clock.instant();
        WriteBack writeBack;
        if (outcome.retryable()) {
            Instant firstAt = delivery.roundStartedAt() != null ? delivery.roundStartedAt() : outcome.startedAt();
            Instant next = retryPolicy.nextAttemptAt(outcome, delivery.roundAttempts(), firstAt, now);
            writeBack = next != null
                    ? WriteBack.reschedule(claim, outcome, next, now)
                    : WriteBack.finish(claim, outcome, DeliveryStatus.FAILED, now);
        } else {
            writeBack = WriteBack.finish(claim, outcome, outcome.status(), now);
        }
        DeliveryStatus status = writeBack.status();
        boolean recorded = recordWhileTheLeaseLasts(claim, writeBack);
        if (recorded) {
            try {
                listener.onAttempt(outcome, status);
            } catch (RuntimeException e) {
                LOG.warn("A Listener threw; ignoring it", e);
            }
        } else {
            LOG.warn(
                    "Webhook delivery {} attempt {}: the lease was lost before the result was recorded; "
                            + "the result is discarded (consider a longer lease)",
                    delivery.id(),
                    claim.attemptNumber());
        }
    }

    /**
     * Records an attempt's result, trying again ({@value #WRITE_BACK_TRIES} tries in all, waiting as after
     * failed claims) while the store fails and the claim's lease outlasts the wait: the attempt was made,
     * so a result given up on is sent again once the lease ends. A database that restarts leaves stale
     * pooled connections behind, and the first statements after it fail one by one.
     *
     * @throws RuntimeException the store's last failure, once the tries or the lease are used up
     */
    private boolean recordWhileTheLeaseLasts(ClaimedDelivery claim, WriteBack writeBack) {
        for (int failures = 1; ; failures++) {
            try {
                return writeBacks.record(writeBack);
            } catch (RuntimeException e) {
                Duration wait = storeBackoff(failures);
                if (failures >= WRITE_BACK_TRIES
                        || closing.get()
                        || !clock.instant().plus(wait).isBefore(claim.leaseExpiresAt())) {
                    throw e;
                }
                LOG.debug(
                        "Could not record webhook delivery {} (try {}); trying again in {}: {}",
                        claim.id(),
                        failures,
                        wait,
                        e.toString());
                pause(wait);
            }
        }
    }

    private AttemptOutcome attempt(ExportTarget target, ClaimedDelivery claim) {
        Instant started = clock.instant();
        try {
            Delivery delivery = claim.delivery();
            return sender.attempt(target, delivery.export(), claim.attemptNumber(), delivery.payloadVerdict());
        } catch (RuntimeException e) {
            LOG.warn("Webhook delivery {} could not be attempted: {}", claim.id(), e.toString());
            return AttemptOutcome.retry(
                    claim.attemptNumber(),
                    ErrorCode.WEBHOOK_DELIVERY_FAILED,
                    "the sender failed before sending (" + e.getClass().getSimpleName() + ")",
                    false,
                    started,
                    clock.instant());
        }
    }

    private void release(ClaimedDelivery claim) {
        try {
            store.release(claim, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not release webhook delivery {}; its lease will expire: {}", claim.id(), e.toString());
        }
    }

    private void pause(Duration wait) {
        synchronized (signal) {
            if (closing.get()) {
                return;
            }
            try {
                signal.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing.set(true);
            }
        }
    }

    /**
     * Stops claiming, lets running attempts finish and be recorded, releases unstarted claims, and
     * waits up to the shutdown timeout for the workers. Idempotent.
     */
    @Override
    public void close() {
        closing.set(true);
        wakeUp();
        ExecutorService pool = executor;
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Webhook dispatcher workers did not stop within {}; interrupting", shutdownTimeout);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Dispatcher[owner=" + owner + ", workers=" + workers + ", lease=" + lease + "]";
    }

    /** Builds a {@link Dispatcher}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private DeliveryStore store;
        private WebhookSender sender;
        private TargetLookup targets;
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private int workers = DEFAULT_WORKERS;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration lease;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration shutdownTimeout;
        private Clock clock = Clock.systemUTC();
        private String owner = "dispatcher-" + UUID.randomUUID();
        private Listener listener = Listener.NONE;

        private Builder() {}

        /** The outbox. Required. */
        public Builder store(DeliveryStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Makes the attempts. Required. */
        public Builder sender(WebhookSender sender) {
            this.sender = Objects.requireNonNull(sender, "sender");
            return this;
        }

        /**
         * Finds each delivery's target at attempt time (a lookup serves a batch's deliveries to that
         * target for up to {@link #TARGET_REUSE}). Required.
         */
        public Builder targets(TargetLookup targets) {
            this.targets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /** When to retry and when to give up. Default {@link RetryPolicy#ofDefaults()}. */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Worker threads: the attempts a dispatcher has in flight at once, each claiming its own batch.
         * Default {@value Dispatcher#DEFAULT_WORKERS}.
         *
         * @throws IllegalArgumentException if not between 1 and 256
         */
        public Builder workers(int workers) {
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("workers must be between 1 and 256, not " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * How long an idle worker waits before looking for due deliveries again. Default 1 second.
         *
         * @throws IllegalArgumentException if not between 1 ms and 1 hour
         */
        public Builder pollInterval(Duration pollInterval) {
            Objects.requireNonNull(pollInterval, "pollInterval");
            if (pollInterval.toMillis() < 1 || pollInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("pollInterval must be between 1 ms and 1 hour, not " + pollInterval);
            }
            this.pollInterval = pollInterval;
            return this;
        }

        /**
         * How long a claim holds a delivery. Must outlast one attempt ({@code sender.requestTimeout()},
         * checked at {@link #build()}); a batch whose lease runs short is released before the next
         * attempt. Default: the request timeout plus 30 seconds.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder lease(Duration lease) {
            Objects.requireNonNull(lease, "lease");
            if (lease.isZero() || lease.isNegative()) {
                throw new IllegalArgumentException("lease must be positive, not " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * Deliveries claimed at once per worker, in one store round trip. Default {@value
         * Dispatcher#DEFAULT_BATCH_SIZE}. Claims left when the lease runs short are released.
         *
         * @throws IllegalArgumentException if not between 1 and 100
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100) {
                throw new IllegalArgumentException("batchSize must be between 1 and 100, not " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * How long {@link #close()} waits for running attempts. Default: the sender's request
         * timeout plus 5 seconds.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must not be negative");
            }
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** Leases, due times and attempt records are stamped with it. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Notified of every recorded attempt, for metrics. Default: none. */
        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The name written into leases, for diagnostics. Default: {@code dispatcher-} and a UUID.
         *
         * @throws IllegalArgumentException if blank or longer than 128 characters
         */
        public Builder owner(String owner) {
            Objects.requireNonNull(owner, "owner");
            if (owner.isBlank() || owner.length() > 128) {
                throw new IllegalArgumentException("owner must be 1 to 128 characters and not blank");
            }
            this.owner = owner;
            return this;
        }

        /**
         * @throws IllegalStateException if store, sender or targets is missing, or the lease does not
         *     outlast the sender's request timeout
         */
        public Dispatcher build() {
            if (store == null || sender == null || targets == null) {
                throw new IllegalStateException("store, sender and targets are required");
            }
            Duration attemptTime = sender.requestTimeout();
            Duration frozenLease = lease != null ? lease : attemptTime.plusSeconds(30);
            if (frozenLease.compareTo(attemptTime) <= 0) {
                throw new IllegalStateException(
                        "lease (" + frozenLease + ") must outlast the sender's request timeout (" + attemptTime
                                + "), or a slow attempt would lose its claim");
            }
            return new Dispatcher(
                    this,
                    frozenLease,
                    shutdownTimeout != null
                            ? shutdownTimeout
                            : sender.requestTimeout().plusSeconds(5));
        }
    }

    /**
     * Group commit of the workers' write-backs (leader and followers): a worker queues its result; if no
     * commit is running it becomes the leader and commits everything queued in one {@link
     * DeliveryStore#record}, else it waits, and either finds its result committed by another leader or
     * leads the next commit itself. Nothing waits on a timer.
     */
    static final class GroupCommit {
        private final DeliveryStore store;
        private final Object lock = new Object();
        private final List<Pending> queued = new ArrayList<>();
        private boolean committing;

        GroupCommit(DeliveryStore store) {
            this.store = store;
        }

        /**
         * Records {@code writeBack} and returns once it is committed.
         *
         * @return whether it was recorded (false: its claim was no longer current)
         * @throws RuntimeException what the store threw for the commit that held it
         */
        boolean record(WriteBack writeBack) {
            Pending mine = new Pending(writeBack);
            List<Pending> group;
            boolean interrupted = false;
            try {
                synchronized (lock) {
                    queued.add(mine);
                    while (!mine.done && committing) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            // Keep waiting: the worker must learn whether its result was recorded.
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return mine.result();
                    }
                    committing = true;
                    group = new ArrayList<>(queued);
                    queued.clear();
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Boolean> results = null;
            RuntimeException failure = null;
            try {
                List<WriteBack> batch = new ArrayList<>(group.size());
                for (Pending pending : group) {
                    batch.add(pending.writeBack);
                }
                results = store.record(batch);
                if (results.size() != batch.size()) {
                    throw new IllegalStateException(
                            "the store answered " + results.size() + " results for " + batch.size() + " write-backs");
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                if (failure == null && results == null) {
                    // An Error is on its way up this thread; the others learn that nothing was recorded.
                    failure = new IllegalStateException("the write-back commit did not complete");
                }
                synchronized (lock) {
                    for (int i = 0; i < group.size(); i++) {
                        Pending pending = group.get(i);
                        pending.failure = failure;
                        pending.recorded = failure == null
                                && Boolean.TRUE.equals(
                                        Objects.requireNonNull(results).get(i));
                        pending.done = true;
                    }
                    committing = false;
                    lock.notifyAll();
                }
            }
            return mine.result();
        }

        /** Write-backs waiting for the next commit; for tests. */
        int queued() {
            synchronized (lock) {
                return queued.size();
            }
        }

        /** One worker's write-back and, once committed, its result. Guarded by the lock. */
        private static final class Pending {
            final WriteBack writeBack;
            boolean done;
            boolean recorded;

            @Nullable
            RuntimeException failure;

            Pending(WriteBack writeBack) {
                this.writeBack = writeBack;
            }

            boolean result() {
                if (failure != null) {
                    throw failure;
                }
                return recorded;
            }
        }
    }

    /**
     * Notified of every attempt a {@link Dispatcher} records, for metrics and audit logs without log
     * parsing. Called on the dispatcher's worker thread after the store recorded the attempt; it should
     * return quickly, and an exception it throws is logged and otherwise ignored. Implementations must be
     * thread-safe. Every method does nothing by default.
     */
    public interface Listener {
        /** A listener that does nothing. */
        Listener NONE = new Listener() {};

        /**
         * One attempt ended with {@code outcome} (its code, HTTP status and start and end times) and was
         * recorded; the delivery now stands at {@code status}: {@link DeliveryStatus#EXPORTED}, {@link
         * DeliveryStatus#BLOCKED}, {@link DeliveryStatus#RETRY_SCHEDULED} (another attempt follows), or
         * {@link DeliveryStatus#FAILED} (the retry policy gave up). An attempt whose lease was lost before
         * it was recorded is not reported (another dispatcher attempts the delivery again).
         */
        default void onAttempt(AttemptOutcome outcome, DeliveryStatus status) {}
    }
}
