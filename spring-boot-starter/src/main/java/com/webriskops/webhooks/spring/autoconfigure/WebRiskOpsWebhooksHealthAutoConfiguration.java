package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import com.webriskops.webhooks.spring.internal.WebhooksHealth;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The {@code webriskopsWebhooks} health contributor on Spring Boot 3 (the actuator's {@code
 * org.springframework.boot.actuate.health} API): stores reachable, dispatcher running, oldest due
 * delivery's lag within {@code webriskops.webhooks.health.max-oldest-due-lag}.
 */
@AutoConfiguration(after = WebRiskOpsWebhooksSenderAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(
        prefix = WebRiskOpsWebhooksProperties.PREFIX + ".health",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
public final class WebRiskOpsWebhooksHealthAutoConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "webriskopsWebhooksHealthIndicator")
    HealthIndicator webriskopsWebhooksHealthIndicator(
            WebRiskOpsWebhooksProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<DeliveryStore> outbox,
            ObjectProvider<DispatcherLifecycle> dispatcher) {
        WebhooksHealth health = WebRiskOpsWebhooksHealthSupport.health(properties, dataSource, outbox, dispatcher);
        return () -> {
            WebhooksHealth.Report report = health.check();
            return (report.up() ? Health.up() : Health.down())
                    .withDetails(report.details())
                    .build();
        };
    }
}
