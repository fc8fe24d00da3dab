package com.webriskops.webhooks.receiver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders rejections as RFC 9457 {@code application/problem+json}, and the duplicate answer. */
final class ProblemDetails {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";

    private ProblemDetails() {}

    static HttpAnswer render(Rejection rejection) {
        ObjectNode problem = WebhookJson.mapper().createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", reasonPhrase(rejection.status()));
        problem.put("status", rejection.status());
        problem.put("detail", rejection.detail());
        problem.put("code", rejection.code().name());
        if (!rejection.violations().isEmpty()) {
            ArrayNode violations = problem.putArray("violations");
            for (Violation violation : rejection.violations()) {
                violations.addObject().put("field", violation.field()).put("message", violation.message());
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String retryAfter = rejection.retryAfterHeader();
        if (retryAfter != null) {
            headers.put(WebhookHeaders.RETRY_AFTER, retryAfter);
            problem.put("retry_after_seconds", Long.parseLong(retryAfter));
        }
        return new HttpAnswer(rejection.status(), PROBLEM_JSON, headers, write(problem));
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
