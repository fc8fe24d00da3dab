package com.webriskops.webhooks.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the refusals of this package as RFC 9457 {@code application/problem+json}. */
final class Problems {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String RETRY_AFTER = "Retry-After";

    private Problems() {}

    static ApiAnswer render(int status, ApiErrorCode code, String detail, @Nullable Duration retryAfter) {
        ObjectNode problem = WebhookJson.mapper().createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code.name());
        Map<String, String> headers = new LinkedHashMap<>();
        if (retryAfter != null) {
            long seconds = Math.max(1, retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0));
            headers.put(RETRY_AFTER, Long.toString(seconds));
            problem.put("retry_after_seconds", seconds);
        }
        try {
            return new ApiAnswer(
                    status, PROBLEM_JSON, headers, WebhookJson.mapper().writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 409:
                return "Conflict";
            case 413:
                return "Content Too Large";
            case 422:
                return "Unprocessable Content";
            case 503:
                return "Service Unavailable";
            default:
                return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
