package com.webriskops.webhooks.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders RFC 9457 {@code application/problem+json} answers with the kit's {@code code} member: for
 * the receiver's rejections, and for every other component of the kit that refuses a request (the
 * idempotency filter, the shared-secret check, the ticket-export API), so all problems look alike.
 * Never put a secret, a signature or request content in {@code detail}. Thread-safe.
 */
public final class ProblemDetails {
    /** The problem media type. */
    public static final String PROBLEM_JSON = "application/problem+json";

    static final String JSON = "application/json";

    private ProblemDetails() {}

    static HttpAnswer render(Rejection rejection) {
        HttpAnswer answer = render(
                rejection.status(),
                rejection.code().wireValue(),
                rejection.detail(),
                rejection.violations(),
                rejection.retryAfter(),
                Map.of());
        if (rejection.status() != 405) {
            return answer;
        }
        Map<String, String> headers = new LinkedHashMap<>(answer.headers());
        headers.put("Allow", "POST");
        return new HttpAnswer(answer.status(), answer.contentType(), headers, answer.body());
    }

    /** A problem without violations, retry hint or extra members. */
    public static HttpAnswer render(int status, String code, String detail) {
        return render(status, code, detail, List.of(), null, Map.of());
    }

    /**
     * A problem: {@code type} {@code about:blank}, the status's reason phrase as {@code title},
     * {@code status}, {@code detail}, {@code code}, {@code violations} when there are any, {@code
     * retry_after_seconds} and a {@code Retry-After} header when {@code retryAfter} is given, and
     * {@code extensions} as further string members.
     *
     * @throws IllegalArgumentException if {@code status} is not 400 to 599
     */
    public static HttpAnswer render(
            int status,
            String code,
            String detail,
            List<Violation> violations,
            @Nullable Duration retryAfter,
            Map<String, String> extensions) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status must be 4xx or 5xx, not " + status);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
        ObjectNode problem = WebhookJson.mapper().createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", reasonPhrase(status));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        extensions.forEach(problem::put);
        if (!violations.isEmpty()) {
            ArrayNode list = problem.putArray("violations");
            for (Violation violation : violations) {
                list.addObject().put("field", violation.field()).put("message", violation.message());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            long seconds = retryAfterSeconds(retryAfter);
            headers.put(WebhookHeaders.RETRY_AFTER, Long.toString(seconds));
            problem.put("retry_after_seconds", seconds);
        }
        return new HttpAnswer(status, PROBLEM_JSON, headers, write(problem));
    }

    /** Whole seconds, rounded up, at least 1: the {@code Retry-After} value for {@code wait}. */
    static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
    }

    static HttpAnswer duplicate(String idempotencyKey) {
        ObjectNode body = WebhookJson.mapper().createObjectNode();
        body.put("status", "duplicate");
        body.put("idempotency_key", idempotencyKey);
        return new HttpAnswer(200, JSON, Map.of(), write(body));
    }

    private static byte[] write(ObjectNode node) {
        try {
            return WebhookJson.mapper().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    static String reasonPhrase(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 405:
                return "Method Not Allowed";
            case 409:
                return "Conflict";
            case 413:
                return "Content Too Large";
            case 415:
                return "Unsupported Media Type";
            case 422:
                return "Unprocessable Content";
            case 429:
                return "Too Many Requests";
            case 503:
                return "Service Unavailable";
            default:
                return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
