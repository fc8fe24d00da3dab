package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/** A row of the idempotent responses table, as read back. */
public record ResponseRow(
        String scope,
        String key,
        String fingerprint,
        @Nullable String token,
        long expiresAtMs,
        @Nullable Integer status,
        @Nullable String contentType,
        @Nullable byte[] body) {}
