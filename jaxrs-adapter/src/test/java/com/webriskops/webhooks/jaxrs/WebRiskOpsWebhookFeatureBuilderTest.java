package com.webriskops.webhooks.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebRiskOpsWebhookFeatureBuilderTest {
    @Test
    void buildsAReceiverWithTheGivenSettings() {
        WebRiskOpsWebhookFeature feature = WebRiskOpsWebhookFeature.builder()
                .secrets(WebhookSecret.of("s"))
                .maxBodyBytes(1234)
                .timestampTolerance(Duration.ofSeconds(60))
                .build();

        assertThat(feature.receiver().maxBodyBytes()).isEqualTo(1234);
        assertThat(feature.receiver().toString()).contains("timestampTolerance=PT1M");
    }

    @Test
    void requiresSecretsOrAResolver() {
        assertThatThrownBy(() -> WebRiskOpsWebhookFeature.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secrets");
    }

    @Test
    void rejectsBadValuesAtTheDoor() {
        WebRiskOpsWebhookFeature.Builder builder = WebRiskOpsWebhookFeature.builder();

        assertThatThrownBy(() -> builder.secrets(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.claimLease(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.secretResolver(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void builderCanBeReusedAfterBuild() {
        WebRiskOpsWebhookFeature.Builder builder =
                WebRiskOpsWebhookFeature.builder().secrets(WebhookSecret.of("s"));
        WebRiskOpsWebhookFeature first = builder.build();
        WebRiskOpsWebhookFeature second = builder.maxBodyBytes(10).build();

        assertThat(first.receiver()).isNotSameAs(second.receiver());
        assertThat(first.receiver().maxBodyBytes()).isEqualTo(WebhookReceiver.DEFAULT_MAX_BODY_BYTES);
        assertThat(second.receiver().maxBodyBytes()).isEqualTo(10);
    }

    @Test
    void ofWrapsTheGivenReceiver() {
        WebhookReceiver<?> receiver =
                WebhookReceiver.builder().secrets(WebhookSecret.of("s")).build();

        assertThat(WebRiskOpsWebhookFeature.of(receiver).receiver()).isSameAs(receiver);
        assertThatThrownBy(() -> WebRiskOpsWebhookFeature.of(null)).isInstanceOf(NullPointerException.class);
    }
}
