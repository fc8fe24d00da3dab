package com.webriskops.webhooks.jdbi;

import java.util.function.IntUnaryOperator;

/** Runs a bounded delete again and again until a limit is reached or a batch comes back short. */
final class Batches {
    private Batches() {}

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
