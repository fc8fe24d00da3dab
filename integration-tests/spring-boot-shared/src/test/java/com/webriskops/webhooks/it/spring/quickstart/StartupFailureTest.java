package com.webriskops.webhooks.it.spring.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.spring.WebRiskOpsWebhooksConfigurationException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A missing or blank secret stops the application at start-up with a message naming the property. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {
    private static SpringApplicationBuilder app(String... properties) {
        return new SpringApplicationBuilder(QuickstartApplication.class)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .properties(properties);
    }

    @Test
    void missingSecretFailsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> app("webriskops.webhooks.receiver.paths=/webhooks/*")
                        .run()
                        .close())
                .rootCause()
                .asInstanceOf(InstanceOfAssertFactories.type(WebRiskOpsWebhooksConfigurationException.class))
                .satisfies(e -> assertThat(e.property()).isEqualTo("webriskops.webhooks.receiver.secrets"));
        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("webriskops.webhooks.receiver.secrets is not set")
                .doesNotContain("NullPointerException");
    }

    @Test
    void blankSecretFailsStartUpNamingTheEntry() {
        assertThatThrownBy(() -> app(
                                "webriskops.webhooks.receiver.paths=/webhooks/*",
                                "webriskops.webhooks.receiver.secrets=${WEBRISKOPS_TEST_UNSET_SECRET:}")
                        .run()
                        .close())
                .rootCause()
                .isInstanceOf(WebRiskOpsWebhooksConfigurationException.class)
                .hasMessageContaining("webriskops.webhooks.receiver.secrets[0] is blank");
    }

    @Test
    void secretWithoutPathsFailsStartUpNamingThePaths() {
        assertThatThrownBy(() -> app("webriskops.webhooks.receiver.secrets=some-long-random-secret")
                        .run()
                        .close())
                .rootCause()
                .isInstanceOf(WebRiskOpsWebhooksConfigurationException.class)
                .hasMessageContaining("webriskops.webhooks.receiver.paths");
    }

    @Test
    void secretShorterThanSixteenBytesFailsStartUpWithoutPrintingIt() {
        assertThatThrownBy(() -> app(
                                "webriskops.webhooks.receiver.secrets=short-secret",
                                "webriskops.webhooks.receiver.paths=/webhooks/*")
                        .run()
                        .close())
                .rootCause()
                .isInstanceOf(WebRiskOpsWebhooksConfigurationException.class)
                .hasMessageContaining("shorter than 16 bytes")
                .message()
                .doesNotContain("short-secret");
    }
}
