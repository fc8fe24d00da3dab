package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.micrometer.DeliveryBacklogMetrics;
import com.webriskops.webhooks.micrometer.ReceiverMetrics;
import com.webriskops.webhooks.micrometer.SenderMetrics;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The kit's Micrometer meters, bound when Micrometer and a {@link MeterRegistry} are present (the
 * actuator's): the receiver's and the dispatcher's listeners, and the outbox's backlog gauges when the
 * sender is on. Names and tags: the micrometer module's {@code docs/metrics.md}. Off with {@code
 * webriskops.webhooks.metrics.enabled=false}.
 */
@AutoConfiguration(
        after = WebRiskOpsWebhooksSenderAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
        })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnProperty(
        prefix = WebRiskOpsWebhooksProperties.PREFIX + ".metrics",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
public final class WebRiskOpsWebhooksMetricsAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ReceiverMetrics webriskopsReceiverMetrics(MeterRegistry registry) {
        return ReceiverMetrics.of(registry);
    }

    @Bean
    @ConditionalOnMissingBean
    SenderMetrics webriskopsSenderMetrics(MeterRegistry registry) {
        return SenderMetrics.of(registry);
    }

    @Bean
    @ConditionalOnBean(DeliveryStore.class)
    @ConditionalOnMissingBean
    DeliveryBacklogMetrics webriskopsDeliveryBacklogMetrics(DeliveryStore store) {
        return DeliveryBacklogMetrics.builder(store).build();
    }
}
