package com.webriskops.webhooks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Valid {@code ticket-export.webhook.v1} bodies of an exact size, built from the documentation's
 * example: trimmed to its required parts, then padded with text in fields that allow it (summary,
 * business impact, remediation snippet, reproduction steps), so every size passes validation.
 */
final class Payloads {
    /** Placeholder replaced by a 38-character idempotency key per request. */
    static final String KEY_PLACEHOLDER = "bench-KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK";
    /** Placeholder replaced by a 32-character nonce per request. */
    static final String NONCE_PLACEHOLDER = "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN";
    /** Placeholder replaced by the 10-digit Unix-seconds timestamp per request. */
    static final String TS_PLACEHOLDER = "1111111111";

    private static final int TEXT_FIELD_MAX = 19_000;
    private static final int STEP_MAX = 2_000;

    private Payloads() {}

    /** A body of exactly {@code size} bytes whose key, nonce and timestamp are the placeholders. */
    static byte[] template(int size) {
        try {
            ObjectNode json = (ObjectNode) WebhookJson.mapper().readTree(TestDeliveries.examplePayload());
            json.put("idempotency_key", KEY_PLACEHOLDER);
            ObjectNode replay = (ObjectNode) json.get("replay_protection");
            replay.put("timestamp", TS_PLACEHOLDER);
            replay.put("nonce", NONCE_PLACEHOLDER);
            ObjectNode ticket = (ObjectNode) json.get("ticket_export");
            ticket.put("summary", "");
            ticket.putArray("reproduction_steps");
            ticket.putArray("acceptance_criteria");
            ticket.putArray("evidence_links");
            ticket.putArray("labels");
            ticket.put("title", "Fix checkout");
            ObjectNode source = (ObjectNode) ticket.get("source");
            source.put("title", "Checkout bug");
            source.put("fingerprint", "issue-42");
            source.put("category", "forms");
            source.put("affected_url", "https://shop.test/");
            ((ObjectNode) json.get("rendered_body")).putArray("sections").add("summary");
            ((ObjectNode) json.get("rendered_body")).put("body", "Summary\n");
            if (size(json) > size) {
                throw new IllegalArgumentException("smallest body is " + size(json) + " bytes, not " + size);
            }
            if (size - size(json) > TEXT_FIELD_MAX) {
                fill(json, ticket, "business_impact", size);
            }
            if (size - size(json) > TEXT_FIELD_MAX) {
                fill(json, ticket, "remediation_snippet", size);
            }
            ArrayNode steps = (ArrayNode) ticket.get("reproduction_steps");
            while (size - size(json) > TEXT_FIELD_MAX) {
                steps.add(text(STEP_MAX));
            }
            fill(json, ticket, "summary", size);
            byte[] body = WebhookJson.mapper().writeValueAsBytes(json);
            if (body.length != size) {
                throw new IllegalStateException("built " + body.length + " bytes, wanted " + size);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(ObjectNode json, ObjectNode ticket, String field, int size) throws IOException {
        ticket.put(field, "");
        int room = Math.min(TEXT_FIELD_MAX, size - size(json));
        ticket.put(field, text(room));
    }

    private static String text(int length) {
        StringBuilder text = new StringBuilder(length);
        String words = "The checkout form drops visible validation state after a failed payment attempt. ";
        while (text.length() < length) {
            text.append(words, 0, Math.min(words.length(), length - text.length()));
        }
        return text.toString();
    }

    private static int size(JsonNode json) throws IOException {
        return WebhookJson.mapper().writeValueAsBytes(json).length;
    }

    /** Where a placeholder starts in {@code body}. */
    static int offsetOf(byte[] body, String placeholder) {
        byte[] needle = placeholder.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("placeholder " + placeholder + " not found");
    }
}
