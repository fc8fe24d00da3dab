package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.protocol.ErrorCode;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Why a delivery was refused, and how to answer: an HTTP status, a documented {@link ErrorCode}, a
 * human-readable detail, the violations for a 422, and {@code Retry-After} where the sender should
 * try again later. Render it with {@link #toAnswer()}. Immutable.
 *
 * @param status the HTTP status
 * @param code the documented code
 * @param detail a human-readable sentence; never holds secrets, signatures or body content
 * @param violations each problem found, for 422; otherwise empty
 * @param retryAfter when to try again, for 429 and 503; otherwise null
 */
public record Rejection(
        int status,
        ErrorCode code,
        String detail,
        List<Violation> violations,
        @Nullable Duration retryAfter) {

    public Rejection {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx, not " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        violations = List.copyOf(violations);
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    /** 401 {@code WEBHOOK_SIGNATURE_INVALID}. */
    public static Rejection signatureInvalid(String detail) {
        return new Rejection(401, ErrorCode.WEBHOOK_SIGNATURE_INVALID, detail, List.of(), null);
    }

    /** 403 {@code WEBHOOK_FORBIDDEN}, for receiver policies. */
    public static Rejection forbidden(String detail) {
        return new Rejection(403, ErrorCode.WEBHOOK_FORBIDDEN, detail, List.of(), null);
    }

    /** 429 {@code WEBHOOK_RATE_LIMITED} with {@code Retry-After}, for receiver policies. */
    public static Rejection rateLimited(String detail, Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Rejection(429, ErrorCode.WEBHOOK_RATE_LIMITED, detail, List.of(), retryAfter);
    }

    static Rejection validation(int status, String detail) {
        return new Rejection(status, ErrorCode.WEBHOOK_VALIDATION_FAILED, detail, List.of(), null);
    }

    static Rejection methodNotAllowed() {
        return new Rejection(
                405, ErrorCode.WEBHOOK_VALIDATION_FAILED, "Webhook deliveries are sent with POST.", List.of(), null);
    }

    static Rejection invalidPayload(String envelope, List<Violation> violations) {
        return new Rejection(
                422,
                ErrorCode.WEBHOOK_VALIDATION_FAILED,
                "The delivery does not satisfy " + envelope + " (" + violations.size() + " violation"
                        + (violations.size() == 1 ? "" : "s") + ").",
                violations,
                null);
    }

    static Rejection inProgress(Duration retryAfter) {
        return new Rejection(
                429,
                ErrorCode.WEBHOOK_DELIVERY_IN_PROGRESS,
                "A delivery with this idempotency key is being processed; retry later.",
                List.of(),
                retryAfter);
    }

    static Rejection unavailable(Duration retryAfter) {
        return new Rejection(
                503,
                ErrorCode.WEBHOOK_RECEIVER_UNAVAILABLE,
                "The receiver could not check the delivery right now; retry later.",
                List.of(),
                retryAfter);
    }

    /** The {@code Retry-After} header value in whole seconds (rounded up), or null. */
    @Nullable
    public String retryAfterHeader() {
        if (retryAfter == null) {
            return null;
        }
        return Long.toString(ProblemDetails.retryAfterSeconds(retryAfter));
    }

    /** This rejection as an {@code application/problem+json} answer. */
    public HttpAnswer toAnswer() {
        return ProblemDetails.render(this);
    }
}
