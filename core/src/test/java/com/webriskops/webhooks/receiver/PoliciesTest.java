package com.webriskops.webhooks.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static final Instant T0 = TestDeliveries.NOW;
    private final TicketExportWebhook webhook = example();

    @Test
    void allowListChecksEveryListedDimension() {
        assertThat(AllowListPolicy.builder().allowAccounts(456).build().check(webhook, T0))
                .isNull();
        assertThat(AllowListPolicy.builder()
                        .allowAccounts(456)
                        .allowProjects(1)
                        .build()
                        .check(webhook, T0))
                .extracting(Rejection::status, Rejection::code)
                .containsExactly(403, ErrorCode.WEBHOOK_FORBIDDEN);
        assertThat(AllowListPolicy.builder().allowTargets(123, 124).build().check(webhook, T0))
                .isNull();
        assertThat(AllowListPolicy.builder().allowTargets(7).build().check(webhook, T0))
                .isNotNull();
    }

    @Test
    void emptyAllowListIsAConfigurationError() {
        assertThatThrownBy(() -> AllowListPolicy.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rateLimitRefillsContinuouslyAndSaysWhenToComeBack() {
        RateLimitPolicy<TicketExportWebhook> policy = RateLimitPolicy.perAccount(2, Duration.ofSeconds(10));

        assertThat(policy.check(webhook, T0)).isNull();
        assertThat(policy.check(webhook, T0)).isNull();
        Rejection limited = policy.check(webhook, T0);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo(ErrorCode.WEBHOOK_RATE_LIMITED);
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.check(webhook, T0.plusSeconds(5))).isNull();
        assertThat(policy.check(webhook, T0.plusSeconds(5))).isNotNull();
    }

    @Test
    void rateLimitTracksABoundedNumberOfKeys() {
        RateLimitPolicy<TicketExportWebhook> policy =
                RateLimitPolicy.perKey(1, Duration.ofSeconds(10), (TicketExportWebhook w) -> "k" + w.attempt(), 1);

        assertThat(policy.check(webhook, T0)).isNull();
        TicketExportWebhook other = withAttempt(2);
        assertThat(policy.check(other, T0)).isNotNull();
        assertThat(policy.check(other, T0.plusSeconds(10))).isNull();
    }

    private static TicketExportWebhook example() {
        try {
            return WebhookJson.mapper().readValue(TestDeliveries.examplePayload(), TicketExportWebhook.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TicketExportWebhook withAttempt(int attempt) {
        return new TicketExportWebhook(
                webhook.schemaVersion(),
                webhook.event(),
                webhook.idempotencyKey(),
                webhook.replayProtection(),
                attempt,
                webhook.target(),
                webhook.account(),
                webhook.ticketExport(),
                webhook.renderedBody());
    }
}
