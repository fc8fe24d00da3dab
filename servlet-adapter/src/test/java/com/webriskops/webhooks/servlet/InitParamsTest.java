package com.webriskops.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitParamsTest {
    private static final String SECRET_VALUE = "whsec_from_the_environment";

    private final Map<String, String> environment = Map.of(
            "WEBRISKOPS_WEBHOOK_SECRET", SECRET_VALUE,
            "PREVIOUS", "whsec_the_previous_secret",
            "WITH_COMMA", "whsec_long_enough_secret,x",
            "WITH_SPACE", "whsec_long_enough_secret ",
            "SHORT", "fifteen-bytes!!",
            "BLANK", "  ");
    private final Map<String, String> properties = Map.of("webhook.secret", "whsec_from_a_property");
    private final InitParams initParams = new InitParams(environment::get, properties::get);

    private static FilterConfig config(Map<String, String> params) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "webhooks";
            }

            @Override
            public ServletContext getServletContext() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    @Test
    void buildsAReceiverWithDefaultsFromANamedEnvironmentVariable() throws Exception {
        WebhookReceiver<?> receiver = initParams.receiver(config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET")));

        assertThat(receiver.maxBodyBytes()).isEqualTo(WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
        assertThat(receiver.toString())
                .contains("timestampTolerance=" + WebhookReceiver.DEFAULT_TIMESTAMP_TOLERANCE)
                .doesNotContain(SECRET_VALUE);
    }

    @Test
    void acceptsSeveralNamesAndBothKinds() throws Exception {
        WebhookReceiver<?> receiver = initParams.receiver(config(Map.of(
                "secret-env", "WEBRISKOPS_WEBHOOK_SECRET, PREVIOUS",
                "secret-property", "webhook.secret",
                "previous-secret-property", "webhook.secret.previous",
                "timestamp-tolerance-seconds", "60",
                "max-body-bytes", "4096")));

        assertThat(receiver.maxBodyBytes()).isEqualTo(4096);
        assertThat(receiver.toString()).contains("timestampTolerance=" + Duration.ofSeconds(60));
    }

    @Test
    void missingSecretFailsWithAClearMessage() {
        assertThatThrownBy(() -> initParams.receiver(config(Map.of())))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("no webhook secret is configured")
                .hasMessageContaining("secret-env")
                .hasMessageContaining("secret-property");
    }

    @Test
    void eachVariableHoldsOneSecretUsedByteForByte() throws Exception {
        WebhookReceiver<?> comma = initParams.receiver(config(Map.of("secret-env", "WITH_COMMA")));
        assertThat(status(comma, WebhookSecret.forTesting("whsec_long_enough_secret,x")))
                .isEqualTo(200);
        assertThat(status(comma, WebhookSecret.forTesting("x")))
                .as("the value is not split into a one-character key")
                .isEqualTo(401);
        assertThat(status(comma, WebhookSecret.forTesting("whsec_long_enough_secret")))
                .isEqualTo(401);

        WebhookReceiver<?> space = initParams.receiver(config(Map.of("secret-env", "WITH_SPACE")));
        assertThat(status(space, WebhookSecret.forTesting("whsec_long_enough_secret ")))
                .isEqualTo(200);
        assertThat(status(space, WebhookSecret.forTesting("whsec_long_enough_secret")))
                .as("the value is not trimmed")
                .isEqualTo(401);

        WebhookReceiver<?> rotating = initParams.receiver(
                config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "previous-secret-env", "PREVIOUS")));
        assertThat(status(rotating, WebhookSecret.forTesting(SECRET_VALUE))).isEqualTo(200);
        assertThat(status(rotating, WebhookSecret.forTesting("whsec_the_previous_secret")))
                .isEqualTo(200);
        WebhookReceiver<?> rotated = initParams.receiver(
                config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "previous-secret-env", "UNSET_PREVIOUS")));
        assertThat(status(rotated, WebhookSecret.forTesting(SECRET_VALUE)))
                .as("an unset previous secret ends the rotation")
                .isEqualTo(200);
        assertThat(status(rotated, WebhookSecret.forTesting("whsec_the_previous_secret")))
                .isEqualTo(401);
    }

    @Test
    void numbersAreAsciiDigitsOnly() throws Exception {
        for (String notAscii : List.of("+4096", "\u0664\u0660\u0669\u0666", "-1", "4_096", "9999999999999999999")) {
            assertThatThrownBy(() -> initParams.receiver(
                            config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "max-body-bytes", notAscii))))
                    .as(notAscii)
                    .isInstanceOf(ServletException.class)
                    .hasMessageContaining("max-body-bytes must be a whole number of at most 18 ASCII digits");
        }
        assertThat(initParams
                        .receiver(config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "max-body-bytes", " 4096 ")))
                        .maxBodyBytes())
                .isEqualTo(4096);
    }

    @Test
    void secretShorterThanSixteenBytesFailsWithoutNamingIt() {
        assertThatThrownBy(() -> initParams.receiver(config(Map.of("secret-env", "SHORT"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("shorter than 16 bytes")
                .hasMessageNotContaining("fifteen-bytes!!");
    }

    private static int status(WebhookReceiver<?> receiver, WebhookSecret signer) {
        SignedDelivery request = Deliveries.webRiskOps()
                .signedWith(signer)
                .timestamp(Instant.now())
                .build();
        ReceiveResult<?> result = receiver.receive(InboundRequest.of(request.headers(), request.body()));
        return result instanceof ReceiveResult.Accepted ? 200 : result.answer().status();
    }

    @Test
    void unsetOrBlankVariableIsNamedWithoutAnySecretValue() {
        assertThatThrownBy(() ->
                        initParams.receiver(config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET,UNSET_SECRET"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("environment variable 'UNSET_SECRET' is not set")
                .hasMessageNotContaining(SECRET_VALUE);
        assertThatThrownBy(() -> initParams.receiver(config(Map.of("secret-env", "BLANK"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("'BLANK' is not set or is blank");
        assertThatThrownBy(() -> initParams.receiver(config(Map.of("secret-property", "absent.property"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("system property 'absent.property'");
    }

    @Test
    void badNumbersAndUnknownParamsFailAtInit() {
        assertThatThrownBy(() -> initParams.receiver(
                        config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "max-body-bytes", "1MB"))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("max-body-bytes must be a whole number");
        assertThatThrownBy(() -> initParams.receiver(
                        config(Map.of("secret-env", "WEBRISKOPS_WEBHOOK_SECRET", "timestamp-tolerance-seconds", "0"))))
                .isInstanceOf(ServletException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> initParams.receiver(config(Map.of("secret", SECRET_VALUE))))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("unknown init-param 'secret'")
                .hasMessageNotContaining(SECRET_VALUE);
    }

    @Test
    void filterBuiltFromAReceiverIgnoresInitParams() throws Exception {
        WebRiskOpsWebhookFilter filter = new WebRiskOpsWebhookFilter(WebhookReceiver.builder()
                .secrets(WebhookSecret.forTesting("code-secret"))
                .build());

        filter.init(config(Map.of()));

        assertThat(filter.toString()).contains("WebhookReceiver");
    }

    @Test
    void filterRefusesANullReceiver() {
        assertThatThrownBy(() -> new WebRiskOpsWebhookFilter(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("receiver");
    }
}
