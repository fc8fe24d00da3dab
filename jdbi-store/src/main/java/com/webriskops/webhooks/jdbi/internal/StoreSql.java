package com.webriskops.webhooks.jdbi.internal;

/**
 * The statements a dialect runs, each one round trip. Table names come from a validated prefix;
 * times are epoch milliseconds.
 */
public interface StoreSql {
    /** Inserts the nonce, or re-records it when its entry expired at or before {@code nowMs}. */
    boolean recordNonce(String table, String nonce, long nowMs, long expiresAtMs);

    /**
     * Claims the key under {@code token} unless an unexpired row holds it, and returns the row as it
     * is afterwards: the claim is won when the row's token is {@code token}.
     */
    ClaimRow claim(String table, String key, String token, long nowMs, long leaseEndMs);

    /** Completes the key if it is held under {@code token}; returns the rows changed. */
    int complete(String table, String key, String token, long retentionEndMs);

    /** Deletes the key if it is held under {@code token}; returns the rows deleted. */
    int release(String table, String key, String token);

    /** Deletes at most {@code limit} nonces that expired at or before {@code nowMs}. */
    int purgeNonces(String table, long nowMs, int limit);

    /** Deletes at most {@code limit} keys whose lease or retention ended at or before {@code nowMs}. */
    int purgeKeys(String table, long nowMs, int limit);
}
