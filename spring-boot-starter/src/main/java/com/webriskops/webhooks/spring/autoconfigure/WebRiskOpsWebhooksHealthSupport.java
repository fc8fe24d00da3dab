package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import com.webriskops.webhooks.spring.internal.WebhooksHealth;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/** Builds the framework-neutral health check both Boot lines' indicators report. */
final class WebRiskOpsWebhooksHealthSupport {
    private WebRiskOpsWebhooksHealthSupport() {}

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
