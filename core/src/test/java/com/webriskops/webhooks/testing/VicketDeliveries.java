package com.webriskops.webhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.vicket.VicketScheme;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds signed Vicket deliveries for tests: the documentation's envelope with a fresh {@code id},
 * signed by {@link VicketScheme#sign} at {@link TestDeliveries#NOW} with {@link TestDeliveries#SECRET},
 * then altered as a test needs. For core's own tests; other
 * modules use {@code Deliveries.vicket()} of webriskops-webhooks-testing.
 */
public final class VicketDeliveries {
    /** The event of the documentation's example. */
    public static final String EVENT = "ticket.status_changed";

    private VicketDeliveries() {}

    /** A builder for a delivery signed with {@link TestDeliveries#SECRET} at {@link TestDeliveries#NOW}. */
    public static Builder delivery() {
        return new Builder();
    }

    /** Builds one Vicket {@link TestDeliveries.Request}. Not thread-safe. */
    public static final class Builder extends TestDeliveryBuilder<Builder> {
        private String id = "9f2c1b7e-" + UUID.randomUUID();

        private Builder() {}

        /** The body's {@code id}, the duplicate-guard key. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        @Override
        protected ObjectNode payload(Instant timestamp) {
            ObjectNode json = WebhookJson.mapper().createObjectNode();
            json.put("id", id);
            json.put("event", EVENT);
            json.put("occurred_at", "2026-05-23T14:21:11.412Z");
            ObjectNode data = json.putObject("data");
            data.putObject("ticket").put("id", "tk_1001").putObject("status").put("category", "resolved");
            data.put("message", "Ticket resolved by the on-call agent.");
            return json;
        }

        @Override
        protected Map<String, List<String>> signedHeaders(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
            return VicketScheme.ofDefaults().sign(secrets, timestamp, body);
        }

        @Override
        protected Builder self() {
            return this;
        }
    }

    /** The signature header of a built request. */
    public static String signature(TestDeliveries.Request request) {
        return request.headers().get(VicketScheme.SIGNATURE_HEADER).get(0);
    }
}
