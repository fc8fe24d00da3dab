package com.webriskops.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitParamsTest {
    private static final String SECRET_VALUE = "whsec_from_the_environment";

    private final Map<String, String> environment = Map.of(
            "WEBRISKOPS_WEBHOOK_SECRET", SECRET_VALUE,
            "ROTATING", "new-secret,old-secret",
            "BLANK", "  ");
    private final Map<String, String> properties = Map.of("webhook.secret", "from-a-property");
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
    void acceptsSeveralNamesSeveralValuesAndBothKinds() throws Exception {
        WebhookReceiver<?> receiver = initParams.receiver(config(Map.of(
                "secret-env", "WEBRISKOPS_WEBHOOK_SECRET, ROTATING",
                "secret-property", "webhook.secret",
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
                .secrets(com.webriskops.webhooks.signing.WebhookSecret.of("code-secret"))
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
