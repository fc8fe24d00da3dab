package com.webriskops.webhooks.receiver;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebRiskOpsSchemeTest {
    @Test
    void isTheDefaultAndSignsWhatTheTestSenderSends() {
        TestDeliveries.Request request = TestDeliveries.delivery().build();

        assertThat(WebRiskOpsScheme.ofDefaults().sign(List.of(SECRET), NOW, request.body()))
                .isEqualTo(request.headers());
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        VerifiedDelivery<TicketExportWebhook> delivery = ((ReceiveResult.Accepted<TicketExportWebhook>)
                        receiver.receive(InboundRequest.of(request.headers(), request.body())))
                .delivery();
        assertThat(delivery.scheme()).isEqualTo("ticket-export.webhook.v1");
        assertThat(delivery.payload(TicketExportWebhook.class)).isSameAs(delivery.payload());
        assertThat(delivery.replayId()).isEqualTo(request.nonce());
        assertThatThrownBy(() -> delivery.payload(String.class)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void signingRefusesABodyWhoseTimestampIsNotTheSigningTime() {
        TestDeliveries.Request request = TestDeliveries.delivery().build();

        assertThatThrownBy(
                        () -> WebRiskOpsScheme.ofDefaults().sign(List.of(SECRET), NOW.plusSeconds(1), request.body()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebRiskOpsScheme.ofDefaults().sign(List.of(SECRET), NOW, "[]".getBytes()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
