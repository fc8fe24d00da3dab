package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/**
 * The statements of the idempotent response store, each one round trip. Table names come from a
 * validated prefix; times are epoch milliseconds.
 */
public interface ResponseSql {
    /** The columns every read returns. */
    String COLUMNS = "scope, idem_key, fingerprint, token, expires_at_ms, status_code, content_type, body";

    /**
     * Claims the scoped key under {@code token} unless an unexpired row holds it, replacing an expired
     * row, and returns the row as it is afterwards: the claim is won when its token is {@code token}.
     */
    ResponseRow claim(
            String table, String scope, String key, String fingerprint, String token, long nowMs, long leaseEndMs);

    /** Stores the answer if the key is held under {@code token}; returns the rows changed. */
    int complete(
            String table,
            String scope,
            String key,
            String token,
            int status,
            @Nullable String contentType,
            byte[] body,
            long expiresAtMs);

    /** Deletes the key if it is held under {@code token}; returns the rows deleted. */
    int release(String table, String scope, String key, String token);

    /** The row of the scoped key if it expires after {@code nowMs}, or null. */
    @Nullable
    ResponseRow find(String table, String scope, String key, long nowMs);

    /** Deletes at most {@code limit} rows that expired at or before {@code nowMs}. */
    int purge(String table, long nowMs, int limit);
}
