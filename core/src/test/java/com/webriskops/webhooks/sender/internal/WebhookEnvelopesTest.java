package com.webriskops.webhooks.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.MutableClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEnvelopesTest {
    private final MutableClock clock = SenderFixtures.clock();

    @Test
    void buildsAnEnvelopeTheReceiverAccepts() {
        ExportTarget target = SenderFixtures.loopbackTarget("https://hooks.example.com/x");
        OutboundRequest request =
                WebhookEnvelopes.builder().clock(clock).build().build(target, SenderFixtures.export(), 4);

        assertThat(request.attempt()).isEqualTo(4);
        assertThat(request.webhook().replayProtection().nonce())
                .isEqualTo(request.headers().get(WebhookHeaders.NONCE));
        assertThat(request.webhook().replayProtection().timestamp())
                .isEqualTo(request.headers().get(WebhookHeaders.TIMESTAMP));
        assertThat(request.webhook().replayProtection().signatureHeader()).isEqualTo(WebhookHeaders.SIGNATURE);
        assertThat(WebhookProtocol.isValidNonce(request.nonce())).isTrue();
        assertThat(request.toString()).doesNotContain("sha256=");

        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        WebhookReceiver<?> receiver = WebhookReceiver.builder()
                .secrets(SenderFixtures.SECRET)
                .clock(clock)
                .build();
        assertThat(receiver.receive(InboundRequest.of(headers, request.body())))
                .isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void aFreshNonceEveryAttempt() {
        WebhookEnvelopes envelopes = WebhookEnvelopes.builder().clock(clock).build();
        ExportTarget target = SenderFixtures.loopbackTarget("https://hooks.example.com/x");
        ExportRequest export = SenderFixtures.export();

        assertThat(envelopes.build(target, export, 1).nonce())
                .isNotEqualTo(envelopes.build(target, export, 2).nonce());
    }

    @Test
    void anUnsignedTargetGetsNoSignatureHeader() {
        ExportTarget target = SenderFixtures.loopbackTarget("https://hooks.example.com/x").toBuilder()
                .signingEnabled(false)
                .signingSecrets(List.of())
                .build();

        OutboundRequest request = WebhookEnvelopes.ofDefaults().build(target, SenderFixtures.export(), 1);

        assertThat(request.headers()).doesNotContainKey(WebhookHeaders.SIGNATURE);
    }

    @Test
    void refusesAMalformedNonce() {
        WebhookEnvelopes envelopes =
                WebhookEnvelopes.builder().nonceSource(() -> "bad.nonce").build();

        assertThatThrownBy(() -> envelopes.build(
                        SenderFixtures.loopbackTarget("https://hooks.example.com/x"), SenderFixtures.export(), 1))
                .isInstanceOf(IllegalStateException.class);
    }
}
