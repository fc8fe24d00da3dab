package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * The user-facing suite against a tiny real endpoint (core's receiver behind the JDK's HTTP server, on
 * the system clock), exactly as a user points it at theirs: proves {@link ReceiverConformance} passes
 * an endpoint that obeys the rules.
 */
class JdkEndpointConformanceTest {
    private static final String SECRET = "endpoint-secret-of-the-kit-test";
    private static final String NEXT_SECRET = "next-endpoint-secret-of-the-kit-test";
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final byte[] INVOICE_PAID =
            "{\"type\":\"invoice.paid\",\"amount\":4200}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static JdkReceiverServer webRiskOps;
    private static JdkReceiverServer vicket;
    private static JdkReceiverServer standard;

    /** The application's own event type behind the Standard Webhooks endpoint. */
    record InvoicePaid(
            @jakarta.validation.constraints.NotBlank String type, int amount) {}

    @BeforeAll
    static void start() throws Exception {
        webRiskOps = JdkReceiverServer.verifying(WebhookReceiver.builder()
                .secrets(WebhookSecret.of(SECRET), WebhookSecret.of(NEXT_SECRET))
                .build());
        vicket = JdkReceiverServer.verifying(VicketFixture.INSTANCE
                .receiver(java.util.List.of(WebhookSecret.of(SECRET)))
                .build());
        standard = JdkReceiverServer.verifying(WebhookReceiver.builder(StandardWebhooksScheme.builder(InvoicePaid.class)
                        .secret(WHSEC)
                        .build())
                .build());
    }

    @AfterAll
    static void stop() {
        webRiskOps.close();
        vicket.close();
        standard.close();
    }

    /** The three lines a user writes (here with a second secret, as during a rotation). */
    @Nested
    // tag::three-lines[]
    class WebRiskOpsEndpoint extends ReceiverConformance {
        @Override
        protected ConformanceTarget target() {
            return ConformanceTarget.url(webRiskOps.uri(), SECRET, NEXT_SECRET);
        }
    }
    // end::three-lines[]

    @Nested
    class VicketEndpoint extends ReceiverConformance {
        @Override
        protected ConformanceTarget target() {
            return ConformanceTarget.url(vicket.uri(), SECRET).vicket();
        }
    }

    @Nested
    class StandardWebhooksEndpoint extends ReceiverConformance {
        @Override
        protected ConformanceTarget target() {
            return ConformanceTarget.standardWebhooks(standard.uri(), WHSEC, INVOICE_PAID);
        }
    }
}
