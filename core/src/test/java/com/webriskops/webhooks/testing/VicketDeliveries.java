package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.vicket.VicketScheme;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Builds signed Vicket deliveries for tests: the documentation's envelope with a fresh {@code id},
 * signed by {@link VicketScheme#sign} at {@link TestDeliveries#NOW} with {@link TestDeliveries#SECRET},
 * then altered as a test needs. Shared with the adapters' tests through core's test-jar.
 */
public final class VicketDeliveries {
    /** The event of the documentation's example. */
    public static final String EVENT = "ticket.status_changed";

    private VicketDeliveries() {}

    /** A builder for a delivery signed with {@link TestDeliveries#SECRET} at {@link TestDeliveries#NOW}. */
    public static Builder delivery() {
        return new Builder();
    }

    /** Builds one {@link TestDeliveries.Request}. Not thread-safe. */
    public static final class Builder {
        private List<WebhookSecret> secrets = List.of(TestDeliveries.SECRET);
        private Instant timestamp = TestDeliveries.NOW;
        private String id = "9f2c1b7e-" + UUID.randomUUID();
        private final List<Consumer<ObjectNode>> edits = new ArrayList<>();
        private byte[] rawBody;
        private byte[] bodyAfterSigning;
        private final Map<String, List<String>> headerOverrides = new LinkedHashMap<>();
        private final List<String> removedHeaders = new ArrayList<>();

        private Builder() {}

        public Builder signedWith(WebhookSecret... secrets) {
            this.secrets = Arrays.asList(secrets);
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** The body's {@code id}, the duplicate-guard key. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Changes the JSON envelope before it is signed. */
        public Builder editJson(Consumer<ObjectNode> edit) {
            edits.add(edit);
            return this;
        }

        /** Signs and sends these bytes instead of the envelope. */
        public Builder rawBody(byte[] body) {
            this.rawBody = body.clone();
            return this;
        }

        /** Sends these bytes, while the signature covers the body it would otherwise have sent. */
        public Builder bodyAfterSigning(byte[] body) {
            this.bodyAfterSigning = body.clone();
            return this;
        }

        /** Sets a header after signing, replacing the built one. */
        public Builder header(String name, String... values) {
            headerOverrides.put(name, List.of(values));
            return this;
        }

        /** Leaves a header out. */
        public Builder without(String name) {
            removedHeaders.add(name);
            return this;
        }

        public TestDeliveries.Request build() {
            byte[] body = rawBody != null ? rawBody : envelope();
            Map<String, List<String>> headers =
                    new LinkedHashMap<>(VicketScheme.ofDefaults().sign(secrets, timestamp, body));
            headers.putAll(headerOverrides);
            removedHeaders.forEach(headers::remove);
            return new TestDeliveries.Request(headers, bodyAfterSigning != null ? bodyAfterSigning : body);
        }

        private byte[] envelope() {
            ObjectNode json = WebhookJson.mapper().createObjectNode();
            json.put("id", id);
            json.put("event", EVENT);
            json.put("occurred_at", "2026-05-23T14:21:11.412Z");
            ObjectNode data = json.putObject("data");
            data.putObject("ticket").put("id", "tk_1001").putObject("status").put("category", "resolved");
            data.put("message", "Ticket resolved by the on-call agent.");
            edits.forEach(edit -> edit.accept(json));
            try {
                return WebhookJson.mapper().writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The signature header of a built request. */
    public static String signature(TestDeliveries.Request request) {
        return request.headers().get(VicketScheme.SIGNATURE_HEADER).get(0);
    }
}
