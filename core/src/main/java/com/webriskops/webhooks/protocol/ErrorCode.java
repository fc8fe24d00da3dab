package com.webriskops.webhooks.protocol;

import java.util.Objects;

/**
 * Every code the kit answers or records, in one place: the codes a receiver answers with (the {@code
 * code} member of every {@code application/problem+json} rejection), the codes a delivery attempt
 * ends with, and the codes of the idempotent-request filter and of the ticket-export API. Each
 * constant says when it is used and whether the WebRiskOps documents define it ("documented") or the
 * kit does ("kit-defined"). The text on the wire is {@link #wireValue()} (also {@link #toString()});
 * it never changes.
 */
public enum ErrorCode {
    // The receiver's answers.

    /** Documented. 401: signature, timestamp or nonce missing, malformed, stale, replayed, or not matching. */
    WEBHOOK_SIGNATURE_INVALID,
    /** Documented. 400, 413, 415 or 422: the body is too large, not JSON, or not a valid delivery. */
    WEBHOOK_VALIDATION_FAILED,
    /** Documented. 403: a receiver policy does not allow this account, project or target. */
    WEBHOOK_FORBIDDEN,
    /**
     * Documented. 429 with {@code Retry-After}: the receiver's rate limit is reached. The sender
     * records it for an attempt answered 429, and retries after {@code Retry-After}.
     */
    WEBHOOK_RATE_LIMITED,
    /** Documented. 429 with {@code Retry-After}: the same idempotency key is being processed right now. */
    WEBHOOK_DELIVERY_IN_PROGRESS,
    /**
     * Kit-defined. 503 with {@code Retry-After}: a store could not be reached, so the delivery could
     * not be checked.
     */
    WEBHOOK_RECEIVER_UNAVAILABLE,

    // What a delivery attempt ends with (the sender's side).

    /**
     * Documented. Retried: the target answered 409, 408, 425 or 5xx, timed out, or could not be
     * connected to; or, once the retry policy gives up, the delivery's final code ({@code failed}).
     */
    WEBHOOK_DELIVERY_FAILED,
    /** Documented. Blocked before sending: signing is required but the target holds no secret. */
    GENERIC_WEBHOOK_SECRET_MISSING("generic_webhook_secret_missing"),
    /**
     * Documented. Blocked before sending (or at connect time): the URL is not HTTPS, carries
     * credentials, or resolves to an address the target may not reach.
     */
    GENERIC_WEBHOOK_URL_UNSAFE("generic_webhook_url_unsafe"),
    /** Documented. Blocked: the target answered 3xx; redirects are never followed, fix the URL. */
    GENERIC_WEBHOOK_REDIRECT_BLOCKED("generic_webhook_redirect_blocked"),
    /** Documented. Blocked: the target refused the payload (400, 413, 415, 422). */
    GENERIC_WEBHOOK_VALIDATION_FAILED("generic_webhook_validation_failed"),
    /** Documented. Blocked: the target refused the signature or the sender (401, 403); check the secret. */
    GENERIC_WEBHOOK_AUTH_FAILED("generic_webhook_auth_failed"),
    /**
     * Kit-defined. Blocked: the target answered another 4xx (404, 405, 410, ...), a refusal a retry
     * will not change; check the URL and the endpoint.
     */
    GENERIC_WEBHOOK_REJECTED("generic_webhook_rejected"),
    /** Kit-defined. Blocked: the delivery's target was deleted or disabled. */
    GENERIC_WEBHOOK_TARGET_MISSING("generic_webhook_target_missing"),
    /**
     * Kit-defined. Blocked before sending: the payload carries the target's secret, a token or key, or a
     * private artifact path; redact it first.
     */
    WEBHOOK_PAYLOAD_UNSAFE("webhook_payload_unsafe"),
    /** Documented. The provider-level code beside {@link #GENERIC_WEBHOOK_SECRET_MISSING}. */
    PROVIDER_AUTH_REQUIRED,
    /** Documented. The provider-level code beside {@link #GENERIC_WEBHOOK_URL_UNSAFE}. */
    PROVIDER_BASE_URL_BLOCKED,

    // API answers: the idempotent-request filter, the shared-secret check and the ticket-export API.

    /**
     * Documented. 401: the shared-secret header or the API credential is missing or does not match.
     */
    UNAUTHORIZED,
    /** Documented. 403: the API caller may not make this call. */
    FORBIDDEN,
    /**
     * Documented. 413 or 422: the request body is too large, or has invalid fields (listed as
     * violations).
     */
    VALIDATION_FAILED,
    /** Documented. 429 with {@code Retry-After}: the API caller's rate limit is reached. */
    RATE_LIMITED,
    /** Kit-defined. 404: no such target or export, or one the caller may not see. */
    NOT_FOUND,
    /**
     * Kit-defined. 400: the {@code Idempotency-Key} header is not 1 to 255 printable ASCII
     * characters, or is repeated.
     */
    IDEMPOTENCY_KEY_INVALID,
    /** Kit-defined. 422: the key was used before with a different request (method, path or body). */
    IDEMPOTENCY_KEY_REUSED,
    /** Kit-defined. 409 with {@code Retry-After}: the first request with this key is still running. */
    IDEMPOTENCY_REQUEST_IN_PROGRESS,
    /** Kit-defined. 503 with {@code Retry-After}: the idempotency store could not be reached. */
    IDEMPOTENCY_STORE_UNAVAILABLE,
    /**
     * Kit-defined. 409: the target's signing secrets are held by the application's vault, so the API
     * cannot set them.
     */
    CREDENTIALS_MANAGED_ELSEWHERE,
    /** Kit-defined. 409: the export was already approved for another target. */
    EXPORT_ALREADY_APPROVED,
    /** Kit-defined. 409: only a blocked or failed export can be retried. */
    EXPORT_NOT_RETRYABLE;

    private final String wireValue;

    ErrorCode() {
        this.wireValue = name();
    }

    ErrorCode(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The code as written on the wire and in stores, such as {@code generic_webhook_url_unsafe}. */
    public String wireValue() {
        return wireValue;
    }

    /** The {@link #wireValue()}. */
    @Override
    public String toString() {
        return wireValue;
    }

    /**
     * The code with this wire value.
     *
     * @throws IllegalArgumentException for a value no constant has
     */
    public static ErrorCode fromWireValue(String wireValue) {
        Objects.requireNonNull(wireValue, "wireValue");
        for (ErrorCode code : values()) {
            if (code.wireValue.equals(wireValue)) {
                return code;
            }
        }
        throw new IllegalArgumentException("unknown error code");
    }
}
