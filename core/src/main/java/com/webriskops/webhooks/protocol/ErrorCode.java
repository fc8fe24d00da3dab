package com.webriskops.webhooks.protocol;

/**
 * The documented error codes a receiver answers with, carried in the {@code code} member of every
 * {@code application/problem+json} rejection.
 */
public enum ErrorCode {
    /** 401: signature, timestamp or nonce missing, malformed, stale, replayed, or not matching. */
    WEBHOOK_SIGNATURE_INVALID,
    /** 400, 413, 415 or 422: the body is too large, not JSON, or not a valid delivery. */
    WEBHOOK_VALIDATION_FAILED,
    /** 403: a receiver policy does not allow this account, project or target. */
    WEBHOOK_FORBIDDEN,
    /** 429 with {@code Retry-After}: the receiver's rate limit is reached. */
    WEBHOOK_RATE_LIMITED,
    /** 429 with {@code Retry-After}: the same idempotency key is being processed right now. */
    WEBHOOK_DELIVERY_IN_PROGRESS,
    /** 503 with {@code Retry-After}: a store could not be reached, so the delivery could not be checked. */
    WEBHOOK_RECEIVER_UNAVAILABLE
}
