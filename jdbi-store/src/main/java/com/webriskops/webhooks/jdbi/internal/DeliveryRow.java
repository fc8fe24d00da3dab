package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/** A row of {@code <prefix>deliveries}, times in epoch milliseconds, the export as JSON. */
public record DeliveryRow(
        long id,
        String idempotencyKey,
        long targetId,
        String providerKey,
        String signingStatus,
        String exportJson,
        String status,
        int attempts,
        int roundAttempts,
        @Nullable Long roundStartedAtMs,
        @Nullable Long nextAttemptAtMs,
        @Nullable String leaseOwner,
        @Nullable Long leaseExpiresAtMs,
        long fencingToken,
        long createdAtMs,
        long updatedAtMs) {}
