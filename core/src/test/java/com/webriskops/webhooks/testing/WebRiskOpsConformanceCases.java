package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.AllowListPolicy;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The receiver rules only the WebRiskOps scheme has: headers the body must agree with, the ticket
 * export's required fields and enumerations, and the policies on its account (403, 429).
 */
public abstract class WebRiskOpsConformanceCases extends ConformanceCases {
    protected WebRiskOpsConformanceCases(ReceiverHarness harness) {
        super(WebRiskOpsFixture.INSTANCE, harness);
    }

    // --- payload (422) ----------------------------------------------------------------------------

    @Test
    void wrongSchemaOrEventHeaderIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response schema = post(
                endpoint,
                delivery()
                        .header(WebhookHeaders.SCHEMA, "ticket-export.webhook.v2")
                        .build());
        Response event = post(
                endpoint,
                delivery().header(WebhookHeaders.EVENT, "ticket.created").build());

        assertProblem(schema, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(schema)).contains(WebhookHeaders.SCHEMA);
        assertProblem(event, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(event)).contains(WebhookHeaders.EVENT);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongSchemaOrEventInBodyIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("schema_version", "ticket-export.webhook.v0")
                                .put("event", "other"))
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).contains("schema_version", "event");
    }

    @Test
    void headerAndBodyMismatchesAreEachListed() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> {
                            json.put("idempotency_key", "another-key");
                            json.withObjectProperty("replay_protection").put("timestamp", "1766203100");
                            json.withObjectProperty("replay_protection").put("nonce", "another-nonce");
                            json.withObjectProperty("replay_protection").put("signature_header", "X-Other");
                        })
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response))
                .contains(
                        "idempotency_key",
                        "replay_protection.timestamp",
                        "replay_protection.nonce",
                        "replay_protection.signature_header");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void genericIdempotencyHeaderMustMatch() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .header(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, "different")
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).contains(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY);
    }

    @Test
    void missingRequiredFieldsAndBadEnumerationsAreListed() throws Exception {
        Endpoint endpoint = start();

        Response missing = post(
                endpoint,
                delivery()
                        .editJson(json -> {
                            json.withObjectProperty("ticket_export").remove("title");
                            json.remove("account");
                        })
                        .build());
        Response badProvider = post(
                endpoint,
                delivery()
                        .editJson(json -> json.withObjectProperty("target").put("provider_key", "ftp_upload"))
                        .build());
        Response badAttempt = post(
                endpoint, delivery().editJson(json -> json.put("attempt", 0)).build());

        assertProblem(missing, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(missing)).contains("ticket_export.title", "account");
        assertProblem(badProvider, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badProvider)).containsExactly("target.provider_key");
        assertProblem(badAttempt, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badAttempt)).containsExactly("attempt");
        assertThat(handler.calls()).isZero();
    }

    // --- policies (403, 429) ------------------------------------------------------------------

    @Test
    void accountOutsideTheAllowListIsForbidden() throws Exception {
        Endpoint endpoint = start(receiver()
                .policy(AllowListPolicy.builder().allowAccounts(1).build())
                .build());

        Response response = post(endpoint, delivery().build());

        assertProblem(response, 403, "WEBHOOK_FORBIDDEN");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() throws Exception {
        Endpoint endpoint = start(receiver()
                .policy(RateLimitPolicy.perAccount(1, Duration.ofMinutes(1)))
                .build());

        assertThat(post(endpoint, delivery().build()).status()).isEqualTo(200);
        Response limited = post(endpoint, delivery().build());

        assertProblem(limited, 429, "WEBHOOK_RATE_LIMITED");
        assertThat(limited.header(WebhookHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(handler.calls()).isEqualTo(1);
    }
}
