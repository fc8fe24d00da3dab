package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import com.webriskops.webhooks.spring.internal.WebhooksHealth;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code webriskopsWebhooks} health contributor: stores reachable, dispatcher running, oldest due
 * delivery's lag within {@code webriskops.webhooks.health.max-oldest-due-lag}. One check, reported
 * through whichever health API the application's Spring Boot line has: the actuator's {@code
 * org.springframework.boot.actuate.health} on Boot 3, {@code org.springframework.boot.health.contributor}
 * on Boot 4 (each in a nested configuration that loads only where its API is present).
 */
@AutoConfiguration(after = WebRiskOpsWebhooksSenderAutoConfiguration.class)
@ConditionalOnProperty(
        prefix = WebRiskOpsWebhooksProperties.PREFIX + ".health",
        name = "enabled",
        havingValue = "true",
        matchIfMissing = true)
public final class WebRiskOpsWebhooksHealthAutoConfiguration {
    private static final String INDICATOR = "webriskopsWebhooksHealthIndicator";

    /** Spring Boot 3: the actuator's health API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static final class Boot3 {
        @Bean(INDICATOR)
        @ConditionalOnMissingBean(name = INDICATOR)
        org.springframework.boot.actuate.health.HealthIndicator webriskopsWebhooksHealthIndicator(
                WebRiskOpsWebhooksProperties properties,
                ObjectProvider<DataSource> dataSource,
                ObjectProvider<DeliveryStore> outbox,
                ObjectProvider<DispatcherLifecycle> dispatcher) {
            WebhooksHealth health = health(properties, dataSource, outbox, dispatcher);
            return () -> {
                WebhooksHealth.Report report = health.check();
                return (report.up()
                                ? org.springframework.boot.actuate.health.Health.up()
                                : org.springframework.boot.actuate.health.Health.down())
                        .withDetails(report.details())
                        .build();
            };
        }
    }

    /** Spring Boot 4, whose health API moved to {@code spring-boot-health}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static final class Boot4 {
        @Bean(INDICATOR)
        @ConditionalOnMissingBean(name = INDICATOR)
        org.springframework.boot.health.contributor.HealthIndicator webriskopsWebhooksHealthIndicator(
                WebRiskOpsWebhooksProperties properties,
                ObjectProvider<DataSource> dataSource,
                ObjectProvider<DeliveryStore> outbox,
                ObjectProvider<DispatcherLifecycle> dispatcher) {
            WebhooksHealth health = health(properties, dataSource, outbox, dispatcher);
            return () -> {
                WebhooksHealth.Report report = health.check();
                return (report.up()
                                ? org.springframework.boot.health.contributor.Health.up()
                                : org.springframework.boot.health.contributor.Health.down())
                        .withDetails(report.details())
                        .build();
            };
        }
    }

    /** The framework-neutral check both Boot lines' indicators report. */
    static WebhooksHealth health(
            WebRiskOpsWebhooksProperties properties,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<DeliveryStore> outbox,
            ObjectProvider<DispatcherLifecycle> dispatcher) {
        boolean jdbc = properties.getStore() == WebRiskOpsWebhooksProperties.StoreType.JDBC;
        return new WebhooksHealth(
                properties.getStore().name().toLowerCase(Locale.ROOT),
                jdbc ? dataSource.getIfUnique() : null,
                outbox.getIfUnique(),
                dispatcher.getIfUnique(),
                properties.getHealth().getMaxOldestDueLag(),
                Clock.systemUTC());
    }
}
