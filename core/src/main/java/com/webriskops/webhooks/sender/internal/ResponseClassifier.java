package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.DeliveryStatus;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * What an answer or a failed exchange means for a delivery: 2xx exported; 3xx blocked (redirects are
 * never followed); 400, 413, 415, 422 blocked as a refused payload; 401, 403 blocked as a refused
 * signature; 429 retried after {@code Retry-After}; 408, 409, 425 and 5xx retried; any other 4xx
 * blocked as a refusal a retry will not change. Also parses {@code Retry-After}.
 */
public final class ResponseClassifier {
    /** Longest Retry-After read at all (the policy's cap applies after). */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(7);

    private ResponseClassifier() {}

    /** Status and code for an HTTP answer. */
    public record Verdict(DeliveryStatus status, @Nullable ErrorCode code, String message) {}

    public static Verdict classify(int status) {
        if (status >= 200 && status < 300) {
            return new Verdict(DeliveryStatus.EXPORTED, null, "the target answered " + status);
        }
        if (status >= 300 && status < 400) {
            return new Verdict(
                    DeliveryStatus.BLOCKED,
                    ErrorCode.GENERIC_WEBHOOK_REDIRECT_BLOCKED,
                    "the target answered " + status + " (a redirect); redirects are never followed, fix the URL");
        }
        switch (status) {
            case 400:
            case 413:
            case 415:
            case 422:
                return new Verdict(
                        DeliveryStatus.BLOCKED,
                        ErrorCode.GENERIC_WEBHOOK_VALIDATION_FAILED,
                        "the target refused the payload with " + status);
            case 401:
            case 403:
                return new Verdict(
                        DeliveryStatus.BLOCKED,
                        ErrorCode.GENERIC_WEBHOOK_AUTH_FAILED,
                        "the target refused the signature or the sender with " + status + "; check the secret");
            case 429:
                return new Verdict(
                        DeliveryStatus.RETRY_SCHEDULED, ErrorCode.WEBHOOK_RATE_LIMITED, "the target answered 429");
            case 409:
            case 408:
            case 425:
                return new Verdict(
                        DeliveryStatus.RETRY_SCHEDULED,
                        ErrorCode.WEBHOOK_DELIVERY_FAILED,
                        "the target answered " + status + "; retrying");
            default:
                break;
        }
        if (status >= 400 && status < 500) {
            return new Verdict(
                    DeliveryStatus.BLOCKED,
                    ErrorCode.GENERIC_WEBHOOK_REJECTED,
                    "the target answered " + status + "; check the URL and the endpoint");
        }
        return new Verdict(
                DeliveryStatus.RETRY_SCHEDULED,
                ErrorCode.WEBHOOK_DELIVERY_FAILED,
                "the target answered " + status + "; retrying");
    }

    /** What a failed exchange means for people, and whether the request may have reached the target. */
    public record NetworkFailure(String message, boolean requestSent) {}

    /**
     * Classifies a failed exchange by the exception's type, never by its name or message: a connect
     * timeout ({@link ConnectTimeoutException}), a refused or unroutable connection ({@link
     * ConnectException}, which {@code HttpHostConnectException} is, and {@link NoRouteToHostException}),
     * a host that does not resolve ({@link UnknownHostException}) and a failed TLS handshake ({@link
     * SSLException}) never sent the request; a read timeout ({@link SocketTimeoutException}, or any
     * other {@link InterruptedIOException}) and any other I/O failure may have.
     */
    public static NetworkFailure classifyFailure(IOException e) {
        if (e instanceof ConnectTimeoutException) {
            return new NetworkFailure("connecting to the target timed out", false);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new NetworkFailure("could not connect to the target", false);
        }
        if (e instanceof UnknownHostException) {
            return new NetworkFailure("the target host does not resolve", false);
        }
        if (e instanceof SSLException) {
            return new NetworkFailure("the TLS handshake with the target failed", false);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new NetworkFailure("the target did not answer in time", true);
        }
        return new NetworkFailure("the connection to the target failed", true);
    }

    /**
     * A {@code Retry-After} value as a wait from {@code now}: delta-seconds or an HTTP-date (a past
     * date is zero), at most {@link #MAX_RETRY_AFTER}; null when absent or malformed.
     */
    @Nullable
    public static Duration retryAfter(@Nullable String value, Instant now) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (text.length() > 9) {
                return MAX_RETRY_AFTER;
            }
            Duration seconds = Duration.ofSeconds(Long.parseLong(text));
            return seconds.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : seconds;
        }
        if (text.length() > 64) {
            return null;
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            Duration wait = Duration.between(now, at);
            if (wait.isNegative()) {
                return Duration.ZERO;
            }
            return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
