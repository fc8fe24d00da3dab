package com.webriskops.webhooks.idempotency;

/**
 * The codes carried in the {@code code} member of the {@code application/problem+json} answers of
 * {@link IdempotentRequests} and {@link SharedSecretCheck}.
 */
public enum ApiErrorCode {
    /** 401: the shared-secret header is missing or does not match a configured secret. */
    UNAUTHORIZED,
    /** 400: the {@code Idempotency-Key} header is not 1 to 255 printable ASCII characters, or repeated. */
    IDEMPOTENCY_KEY_INVALID,
    /** 413: the request body is larger than the idempotency filter reads. */
    VALIDATION_FAILED,
    /** 422: the key was used before with a different request (method, path or body). */
    IDEMPOTENCY_KEY_REUSED,
    /** 409 with {@code Retry-After}: the first request with this key is still running. */
    IDEMPOTENCY_REQUEST_IN_PROGRESS,
    /** 503 with {@code Retry-After}: the idempotency store could not be reached. */
    IDEMPOTENCY_STORE_UNAVAILABLE
}
