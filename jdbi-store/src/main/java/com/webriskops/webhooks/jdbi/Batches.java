package com.webriskops.webhooks.jdbi;

import java.time.Instant;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

/** Runs a bounded delete again and again until a limit is reached or a batch comes back short. */
final class Batches {
    private Batches() {}

    /** Deletes at most {@code limit} rows that expired at or before {@code nowMs}; returns how many. */
    @FunctionalInterface
    interface ExpiredDelete {
        int delete(long nowMs, int limit);
    }

    /**
     * A store's {@code purgeExpired(now, limit)}: deletes in batches of at most {@code batchSize}, each
     * its own short statement run through {@link StoreErrors}, so no single {@code DELETE} is unbounded.
     *
     * @return how many rows were deleted in all
     * @throws com.webriskops.webhooks.store.StoreException if the database could not be reached or a
     *     statement failed
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    static int purgeExpired(String operation, Instant now, int limit, int batchSize, ExpiredDelete delete) {
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
        long nowMs = Times.epochMillis(now);
        return deleteUpTo(limit, batchSize, batch -> StoreErrors.run(operation, () -> delete.delete(nowMs, batch)));
    }

    /**
     * Calls {@code deleteBatch} with batch sizes of at most {@code batchSize} until {@code limit} rows
     * were deleted or a batch deleted fewer rows than asked for.
     *
     * @return how many rows were deleted in all
     */
    static int deleteUpTo(int limit, int batchSize, IntUnaryOperator deleteBatch) {
        int total = 0;
        while (total < limit) {
            int asked = Math.min(batchSize, limit - total);
            int deleted = deleteBatch.applyAsInt(asked);
            total += deleted;
            if (deleted < asked) {
                break;
            }
        }
        return total;
    }
}
