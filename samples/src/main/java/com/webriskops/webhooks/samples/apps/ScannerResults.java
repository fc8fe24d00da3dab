package com.webriskops.webhooks.samples.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.protocol.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the scanner endpoint of both examples does with a request that passed the secret check and
 * the idempotency filter: checks that the body is a JSON object with a numeric {@code scanRunId} and
 * a text {@code status} (400 {@code VALIDATION_FAILED} otherwise), gives it a new id, hands it to the
 * handler and answers 202 with {@code {"id":...,"scanRunId":...,"status":"accepted"}}. The id is
 * random, so a replayed answer is visibly the stored one.
 */
final class ScannerResults {
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScannerResults() {}

    /** An answer to write: status, content type and body. */
    record Answer(int status, String contentType, byte[] body) {}

    static Answer accept(byte[] body, Consumer<ScannerResult> handler) {
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            return invalid("the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return invalid("the body must be a JSON object");
        }
        if (!json.path("scanRunId").isIntegralNumber()) {
            return invalid("scanRunId must be an integer");
        }
        if (!json.path("status").isTextual()) {
            return invalid("status must be a string");
        }
        ScannerResult result = new ScannerResult(
                "scanres_" + UUID.randomUUID(),
                json.get("scanRunId").asLong(),
                json.get("status").asText());
        handler.accept(result);
        ObjectNode answer = MAPPER.createObjectNode()
                .put("id", result.id())
                .put("scanRunId", result.scanRunId())
                .put("status", "accepted");
        return new Answer(202, JSON, bytes(answer));
    }

    private static Answer invalid(String detail) {
        ObjectNode problem = MAPPER.createObjectNode()
                .put("type", "about:blank")
                .put("title", "Validation failed")
                .put("status", 400)
                .put("code", ErrorCode.VALIDATION_FAILED.wireValue())
                .put("detail", detail);
        return new Answer(400, PROBLEM_JSON, bytes(problem));
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }
}
