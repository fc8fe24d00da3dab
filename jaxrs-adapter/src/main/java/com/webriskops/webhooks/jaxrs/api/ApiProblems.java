package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.sender.TargetCheck;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The API's refusals as RFC 9457 {@code application/problem+json} with a {@code code} member. */
final class ApiProblems {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String VALIDATION_FAILED = "VALIDATION_FAILED";
    static final String NOT_FOUND = "NOT_FOUND";

    private ApiProblems() {}

    static Response problem(int status, String code, String detail) {
        return Response.status(status)
                .type(PROBLEM_JSON)
                .entity(bytes(body(status, code, detail)))
                .build();
    }

    static Response notFound(String detail) {
        return problem(404, NOT_FOUND, detail);
    }

    static Response conflict(String code, String detail) {
        return problem(409, code, detail);
    }

    static Response invalid(List<Violation> violations) {
        ObjectNode body = body(422, VALIDATION_FAILED, "the request has invalid fields");
        ArrayNode list = body.putArray("violations");
        for (Violation violation : violations) {
            list.addObject().put("field", violation.field()).put("message", violation.message());
        }
        return Response.status(422).type(PROBLEM_JSON).entity(bytes(body)).build();
    }

    static Response invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    /** 422 with the target's blocking code ({@code generic_webhook_url_unsafe}, ...) and its provider code. */
    static Response blocked(TargetCheck check) {
        ObjectNode body = body(422, check.code(), check.message());
        body.put("provider_code", check.providerCode());
        return Response.status(422).type(PROBLEM_JSON).entity(bytes(body)).build();
    }

    static Response blocked(String code, String detail) {
        return problem(422, code, detail);
    }

    private static ObjectNode body(int status, @Nullable String code, String detail) {
        ObjectNode problem = WebhookJson.mapper().createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", title(status));
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        return problem;
    }

    static byte[] bytes(Object value) {
        try {
            return WebhookJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an API answer", e);
        }
    }

    private static String title(int status) {
        switch (status) {
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            case 403:
                return "Forbidden";
            case 404:
                return "Not Found";
            case 409:
                return "Conflict";
            case 413:
                return "Content Too Large";
            case 422:
                return "Unprocessable Content";
            default:
                return status < 500 ? "Client Error" : "Server Error";
        }
    }
}
