package com.webriskops.webhooks.jdbi;

import java.time.Instant;

/** Instants as the epoch milliseconds the tables hold. */
final class Times {
    private static final Instant MIN = Instant.ofEpochMilli(Long.MIN_VALUE);
    private static final Instant MAX = Instant.ofEpochMilli(Long.MAX_VALUE);

    private Times() {}

    /** Epoch milliseconds of {@code instant}, saturated at the range of a {@code long}. */
    static long epochMillis(Instant instant) {
        if (instant.isBefore(MIN)) {
            return Long.MIN_VALUE;
        }
        if (instant.isAfter(MAX)) {
            return Long.MAX_VALUE;
        }
        return instant.toEpochMilli();
    }
}
