package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.internal.InMemoryCredentialStore;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.internal.InMemoryTargetStore;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksConfigurationException;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.WebhookOutbox;
import com.webriskops.webhooks.spring.internal.CompositeListeners;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The embedded sender, with {@code webriskops.webhooks.sender.enabled=true}: a {@link WebhookSender}, the
 * delivery outbox (on the application's DataSource with {@code webriskops.webhooks.store=jdbc}, else in
 * memory), the export-target store, and a {@link Dispatcher} started with the context and drained on
 * shutdown. Enqueue through the {@link WebhookOutbox} bean. Targets' signing secrets come from a {@link
 * CredentialProvider} bean (an in-memory store by default: declare your own backed by your secret
 * store).
 */
@AutoConfiguration(after = WebRiskOpsWebhooksAutoConfiguration.class)
@ConditionalOnProperty(prefix = WebRiskOpsWebhooksProperties.PREFIX + ".sender", name = "enabled", havingValue = "true")
@Import({
    WebRiskOpsWebhooksSenderAutoConfiguration.JdbcOutbox.class,
    WebRiskOpsWebhooksSenderAutoConfiguration.MemoryOutbox.class
})
public final class WebRiskOpsWebhooksSenderAutoConfiguration {
    private static final String PREFIX = WebRiskOpsWebhooksProperties.PREFIX + ".sender";
    private static final Logger LOG = LoggerFactory.getLogger(WebRiskOpsWebhooksSenderAutoConfiguration.class);

    /** The outbox and targets in the JDBI stores. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = WebRiskOpsWebhooksProperties.PREFIX, name = "store", havingValue = "jdbc")
    @ConditionalOnClass(JdbiStores.class)
    static class JdbcOutbox {
        @Bean
        @ConditionalOnMissingBean
        DeliveryStore webriskopsJdbcDeliveryStore(JdbiStores stores) {
            return stores.deliveryStore();
        }

        @Bean
        @ConditionalOnMissingBean
        TargetStore webriskopsJdbcTargetStore(JdbiStores stores) {
            return stores.targetStore();
        }
    }

    /** The outbox and targets in memory (lost on restart), with the memory store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(
            prefix = WebRiskOpsWebhooksProperties.PREFIX,
            name = "store",
            havingValue = "memory",
            matchIfMissing = true)
    static class MemoryOutbox {
        @Bean
        @ConditionalOnMissingBean
        DeliveryStore webriskopsDeliveryStore() {
            LOG.warn(
                    "The webhook delivery outbox is in memory: deliveries are lost on restart. Set {}.store=jdbc to"
                            + " keep them in the application's database.",
                    WebRiskOpsWebhooksProperties.PREFIX);
            return new InMemoryDeliveryStore();
        }

        @Bean
        @ConditionalOnMissingBean
        TargetStore webriskopsTargetStore() {
            return new InMemoryTargetStore();
        }
    }

    @Bean
    @ConditionalOnMissingBean
    CredentialProvider webriskopsCredentialProvider() {
        return new InMemoryCredentialStore();
    }

    @Bean
    @ConditionalOnMissingBean
    TargetStore.TargetLookup webriskopsTargetLookup(TargetStore targets, CredentialProvider credentials) {
        return targets.lookup(credentials);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    WebhookSender webriskopsWebhookSender(WebRiskOpsWebhooksProperties properties) {
        WebRiskOpsWebhooksProperties.Sender sender = properties.getSender();
        return configured(
                "",
                () -> WebhookSender.builder()
                        .connectTimeout(sender.getConnectTimeout())
                        .responseTimeout(sender.getResponseTimeout())
                        .build());
    }

    @Bean
    @ConditionalOnMissingBean
    RetryPolicy webriskopsRetryPolicy(WebRiskOpsWebhooksProperties properties) {
        WebRiskOpsWebhooksProperties.Retry retry = properties.getSender().getRetry();
        return configured(
                ".retry",
                () -> RetryPolicy.builder()
                        .maxAttempts(retry.getMaxAttempts())
                        .maxAge(retry.getMaxAge())
                        .initialBackoff(retry.getInitialBackoff())
                        .maxBackoff(retry.getMaxBackoff())
                        .retryAfterCap(retry.getRetryAfterCap())
                        .build());
    }

    @Bean
    @ConditionalOnMissingBean
    DispatcherLifecycle webriskopsDispatcher(
            DeliveryStore store,
            WebhookSender sender,
            TargetStore.TargetLookup targets,
            RetryPolicy retryPolicy,
            ObjectProvider<Dispatcher.Listener> listeners,
            WebRiskOpsWebhooksProperties properties) {
        WebRiskOpsWebhooksProperties.Sender settings = properties.getSender();
        Dispatcher.Listener listener =
                CompositeListeners.delivery(listeners.orderedStream().toList());
        Dispatcher.Builder builder = configured("", () -> {
            Dispatcher.Builder b = Dispatcher.builder()
                    .store(store)
                    .sender(sender)
                    .targets(targets)
                    .retryPolicy(retryPolicy)
                    .workers(settings.getWorkers())
                    .batchSize(settings.getBatchSize())
                    .pollInterval(settings.getPollInterval())
                    .listener(listener);
            if (settings.getLease() != null) {
                b.lease(settings.getLease());
            }
            if (settings.getShutdownTimeout() != null) {
                b.shutdownTimeout(settings.getShutdownTimeout());
            }
            b.build();
            return b;
        });
        return new DispatcherLifecycle(builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookOutbox webriskopsWebhookOutbox(DeliveryStore store, DispatcherLifecycle dispatcher) {
        return new WebhookOutbox(store, dispatcher::dispatcher, Clock.systemUTC());
    }

    private static <T> T configured(String group, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new WebRiskOpsWebhooksConfigurationException(
                    PREFIX + group, e.getMessage(), "Fix the " + PREFIX + group + ".* settings.");
        }
    }
}
