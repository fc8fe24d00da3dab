package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired nonces and idempotency keys in the background, in bounded batches, so the tables
 * do not grow without end. Works with any {@link ReplayStore} and {@link IdempotencyStore}.
 *
 * <pre>{@code
 * StorePurger purger = StorePurger.builder()
 *         .replayStore(stores.replayStore())
 *         .idempotencyStore(stores.idempotencyStore())
 *         .build();
 * purger.start();   // ... and purger.close() on shutdown
 * }</pre>
 *
 * <p>Each pass deletes batches of {@link Builder#batchSize} rows from each store until a batch comes
 * back short. A failing pass (the database is down) is logged and the next one runs on schedule.
 * Thread-safe.
 */
public final class StorePurger implements AutoCloseable {
    /** Default time between the end of one pass and the start of the next. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** Default most rows one batch deletes. */
    public static final int DEFAULT_BATCH_SIZE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(StorePurger.class);

    private final @Nullable ReplayStore replayStore;
    private final @Nullable IdempotencyStore idempotencyStore;
    private final Duration interval;
    private final int batchSize;
    private final Clock clock;
    private final @Nullable ScheduledExecutorService givenExecutor;

    private final Object lock = new Object();
    private @Nullable ScheduledExecutorService ownExecutor;
    private @Nullable ScheduledFuture<?> scheduled;
    private boolean closed;

    private StorePurger(Builder builder) {
        this.replayStore = builder.replayStore;
        this.idempotencyStore = builder.idempotencyStore;
        this.interval = builder.interval;
        this.batchSize = builder.batchSize;
        this.clock = builder.clock;
        this.givenExecutor = builder.executor;
    }

    /** A new builder; at least one store is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts purging: a first pass at once, then one every {@link Builder#interval} after the previous
     * ended. Uses the builder's executor, or a single daemon thread of its own.
     *
     * @throws IllegalStateException if it was started or closed before
     */
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("StorePurger is closed");
            }
            if (scheduled != null) {
                throw new IllegalStateException("StorePurger is already started");
            }
            ScheduledExecutorService executor = givenExecutor;
            if (executor == null) {
                executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "webhook-store-purger");
                    thread.setDaemon(true);
                    return thread;
                });
                ownExecutor = executor;
            }
            scheduled =
                    executor.scheduleWithFixedDelay(this::purgeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Runs one pass now on the calling thread: deletes expired entries from each store, batch after
     * batch, until a batch deletes fewer than the batch size.
     *
     * @return how many entries were deleted in all
     * @throws StoreException if a store could not be reached
     */
    public int purgeNow() {
        Instant now = clock.instant();
        int total = 0;
        if (replayStore != null) {
            total += drain(limit -> replayStore.purgeExpired(now, limit));
        }
        if (idempotencyStore != null) {
            total += drain(limit -> idempotencyStore.purgeExpired(now, limit));
        }
        return total;
    }

    private int drain(java.util.function.IntUnaryOperator purge) {
        int total = 0;
        int deleted;
        do {
            deleted = purge.applyAsInt(batchSize);
            total += deleted;
        } while (deleted >= batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }

    private void purgeQuietly() {
        try {
            int deleted = purgeNow();
            if (deleted > 0) {
                LOG.debug("Purged {} expired webhook store entries", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Purging expired webhook store entries failed; will try again in {}: {}", interval, e.toString());
        }
    }

    /**
     * Stops purging. Cancels the schedule; shuts down the purger's own thread (an executor given to the
     * builder is left running). A pass under way finishes its current batch. Idempotent.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            if (ownExecutor != null) {
                ownExecutor.shutdown();
            }
        }
    }

    @Override
    public String toString() {
        return "StorePurger[interval=" + interval + ", batchSize=" + batchSize + "]";
    }

    /**
     * Builds a {@link StorePurger}. Not thread-safe; {@link #build()} freezes a copy, so the builder may
     * be changed and reused afterwards.
     */
    public static final class Builder {
        private @Nullable ReplayStore replayStore;
        private @Nullable IdempotencyStore idempotencyStore;
        private Duration interval = DEFAULT_INTERVAL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService executor;

        private Builder() {}

        /** The replay store to purge. */
        public Builder replayStore(ReplayStore replayStore) {
            this.replayStore = Objects.requireNonNull(replayStore, "replayStore");
            return this;
        }

        /** The duplicate-guard store to purge. */
        public Builder idempotencyStore(IdempotencyStore idempotencyStore) {
            this.idempotencyStore = Objects.requireNonNull(idempotencyStore, "idempotencyStore");
            return this;
        }

        /**
         * Time between the end of one pass and the start of the next (default one minute).
         *
         * @throws IllegalArgumentException if it is shorter than one millisecond
         */
        public Builder interval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("interval must be at least 1 ms, not " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * Most entries one batch deletes (default {@value StorePurger#DEFAULT_BATCH_SIZE}).
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, not " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** The clock that says what has expired (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * An executor to run the passes on instead of a thread of the purger's own; the purger never
         * shuts it down.
         */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The purger, not yet started.
         *
         * @throws IllegalStateException if no store was set
         */
        public StorePurger build() {
            if (replayStore == null && idempotencyStore == null) {
                throw new IllegalStateException("set a replayStore, an idempotencyStore or both");
            }
            return new StorePurger(this);
        }
    }
}
