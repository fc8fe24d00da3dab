package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/** A row of {@code <prefix>delivery_attempts}, times in epoch milliseconds. */
public record AttemptRow(
        long deliveryId,
        int logSeq,
        int attempt,
        String status,
        @Nullable String code,
        @Nullable Integer httpStatus,
        String message,
        @Nullable Long retryAfterMs,
        @Nullable String responseSnippet,
        boolean requestSent,
        long startedAtMs,
        long finishedAtMs) {}
