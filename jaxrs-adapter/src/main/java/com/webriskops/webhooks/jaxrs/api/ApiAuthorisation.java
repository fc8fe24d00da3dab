package com.webriskops.webhooks.jaxrs.api;

import jakarta.annotation.Nullable;
import java.util.Objects;

/**
 * An {@link ApiAuthoriser}'s verdict: allowed (with the caller's name, which scopes its {@code
 * Idempotency-Key}s), 401 {@code UNAUTHORIZED} (no or unknown credentials) or 403 {@code FORBIDDEN}
 * (known caller, not allowed this call). The detail is shown to the client: it must never hold a
 * token. Immutable and thread-safe.
 */
public final class ApiAuthorisation {
    /** What was decided. */
    public enum Outcome {
        /** The call may run. */
        ALLOWED,
        /** 401: credentials missing or not recognised. */
        UNAUTHORIZED,
        /** 403: the caller is known but may not make this call. */
        FORBIDDEN
    }

    private final Outcome outcome;
    private final @Nullable String principal;
    private final String detail;

    private ApiAuthorisation(Outcome outcome, @Nullable String principal, String detail) {
        this.outcome = outcome;
        this.principal = principal;
        this.detail = detail;
    }

    /**
     * The call may run, as {@code principal}.
     *
     * @throws IllegalArgumentException if {@code principal} is blank
     */
    public static ApiAuthorisation allowed(String principal) {
        Objects.requireNonNull(principal, "principal");
        if (principal.isBlank()) {
            throw new IllegalArgumentException("principal must not be blank");
        }
        return new ApiAuthorisation(Outcome.ALLOWED, principal, "allowed");
    }

    /** 401 {@code UNAUTHORIZED} with {@code detail} (never a token). */
    public static ApiAuthorisation unauthorized(String detail) {
        return new ApiAuthorisation(Outcome.UNAUTHORIZED, null, Objects.requireNonNull(detail, "detail"));
    }

    /** 403 {@code FORBIDDEN} with {@code detail} (never a token). */
    public static ApiAuthorisation forbidden(String detail) {
        return new ApiAuthorisation(Outcome.FORBIDDEN, null, Objects.requireNonNull(detail, "detail"));
    }

    /** What was decided. */
    public Outcome outcome() {
        return outcome;
    }

    /** The caller's name when allowed, else null. */
    @Nullable
    public String principal() {
        return principal;
    }

    /** What the client is told. */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "ApiAuthorisation[" + outcome + (principal == null ? "" : ", " + principal) + "]";
    }
}
