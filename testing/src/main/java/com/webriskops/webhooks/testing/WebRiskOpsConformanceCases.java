package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.AllowListPolicy;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The receiver rules only the WebRiskOps scheme has today: the policies on its account (403, 429).
 * They join {@link SchemeConformanceCases} once policies are typed by any scheme's payload.
 */
public abstract class WebRiskOpsConformanceCases extends ConformanceCases {
    protected WebRiskOpsConformanceCases(ReceiverHarness harness) {
        super(WebRiskOpsFixture.INSTANCE, harness);
    }

    // --- policies (403, 429) ------------------------------------------------------------------

    @Test
    void accountOutsideTheAllowListIsForbidden() throws Exception {
        Endpoint endpoint = start(webRiskOpsReceiver()
                .policy(AllowListPolicy.builder().allowAccounts(1).build())
                .build());

        Response response = post(endpoint, webRiskOps().build());

        assertProblem(response, 403, "WEBHOOK_FORBIDDEN");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() throws Exception {
        Endpoint endpoint = start(webRiskOpsReceiver()
                .policy(RateLimitPolicy.perAccount(1, Duration.ofMinutes(1)))
                .build());

        assertThat(post(endpoint, webRiskOps().build()).status()).isEqualTo(200);
        Response limited = post(endpoint, webRiskOps().build());

        assertProblem(limited, 429, "WEBHOOK_RATE_LIMITED");
        assertThat(limited.header(WebhookHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(handler.calls()).isEqualTo(1);
    }

    /** The starting configuration, typed by the WebRiskOps payload so its policies apply. */
    @SuppressWarnings("unchecked")
    private WebhookReceiver.Builder<TicketExportWebhook> webRiskOpsReceiver() {
        return (WebhookReceiver.Builder<TicketExportWebhook>) receiver();
    }
}
