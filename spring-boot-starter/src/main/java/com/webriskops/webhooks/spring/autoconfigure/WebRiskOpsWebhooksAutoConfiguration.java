package com.webriskops.webhooks.spring.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.AllowListPolicy;
import com.webriskops.webhooks.receiver.DeliveryPolicy;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.SecretResolver;
import com.webriskops.webhooks.receiver.VerificationListener;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.IdempotencyFilter;
import com.webriskops.webhooks.servlet.SharedSecretFilter;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.spring.VerifiedDeliveryArgumentResolver;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksConfigurationException;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.WebhookPayloadHttpMessageConverter;
import com.webriskops.webhooks.spring.internal.AnnotatedIdempotencyFilter;
import com.webriskops.webhooks.spring.internal.CompositeListeners;
import com.webriskops.webhooks.spring.internal.FilterChains;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The receiver, its stores and the idempotent API endpoints.
 *
 * <ul>
 *   <li>Stores: in memory unless {@code webriskops.webhooks.store=jdbc}, which puts the JDBI stores on the
 *       application's {@link DataSource} and migrates their tables at start-up with their own Flyway
 *       history table. A DataSource alone does not switch to jdbc: creating tables in the application's
 *       database is opted into.
 *   <li>Receiver (when {@code webriskops.webhooks.receiver.paths} or {@code .secrets} is set): a {@link
 *       WebhookReceiver} from the properties, {@link SecretResolver}, {@link DeliveryPolicy} and {@link
 *       VerificationListener} beans, and its servlet filter registered on the paths.
 *   <li>Spring MVC: {@code VerifiedDelivery} handler arguments, {@code @RequestBody TicketExportWebhook},
 *       and {@code @IdempotentEndpoint} handler methods.
 * </ul>
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
        })
@EnableConfigurationProperties(WebRiskOpsWebhooksProperties.class)
@Import({
    WebRiskOpsWebhooksAutoConfiguration.JdbcStores.class,
    WebRiskOpsWebhooksAutoConfiguration.JdbcStoresMissing.class,
    WebRiskOpsWebhooksAutoConfiguration.MemoryStores.class,
    WebRiskOpsWebhooksAutoConfiguration.Receiver.class,
    WebRiskOpsWebhooksAutoConfiguration.Mvc.class
})
public final class WebRiskOpsWebhooksAutoConfiguration {
    static final String PREFIX = WebRiskOpsWebhooksProperties.PREFIX;

    private static final Logger LOG = LoggerFactory.getLogger(WebRiskOpsWebhooksAutoConfiguration.class);

    /** The JDBI stores on the application's DataSource, for {@code webriskops.webhooks.store=jdbc}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "store", havingValue = "jdbc")
    @ConditionalOnClass(JdbiStores.class)
    static class JdbcStores {
        /**
         * Created after the application's own database initialization (its Flyway or Liquibase), which
         * would otherwise find the stores' tables in a schema it has no history for and refuse to run.
         */
        @Bean
        @ConditionalOnMissingBean
        @DependsOnDatabaseInitialization
        JdbiStores webriskopsJdbiStores(
                ObjectProvider<DataSource> dataSources, WebRiskOpsWebhooksProperties properties) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        PREFIX + ".store",
                        PREFIX + ".store=jdbc needs one DataSource bean, and there is none or more than one",
                        "Configure the application's DataSource (spring.datasource.*), mark one @Primary, or declare"
                                + " a JdbiStores bean yourself.");
            }
            String prefix = properties.getJdbc().getTablePrefix();
            if (properties.getJdbc().isMigrate()) {
                JdbiStores.migrate(dataSource, prefix);
            }
            return JdbiStores.builder(dataSource).tablePrefix(prefix).build();
        }

        @Bean
        @ConditionalOnMissingBean
        ReplayStore webriskopsJdbcReplayStore(JdbiStores stores) {
            return stores.replayStore();
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotencyStore webriskopsJdbcIdempotencyStore(JdbiStores stores) {
            return stores.idempotencyStore();
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotentResponseStore webriskopsJdbcIdempotentResponseStore(JdbiStores stores) {
            return stores.idempotentResponseStore();
        }
    }

    /** {@code store=jdbc} without the JDBI store module: fail start-up and say what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "store", havingValue = "jdbc")
    @ConditionalOnMissingClass("com.webriskops.webhooks.jdbi.JdbiStores")
    static class JdbcStoresMissing {
        @Bean
        Object webriskopsJdbiStoresMissing() {
            throw new WebRiskOpsWebhooksConfigurationException(
                    PREFIX + ".store",
                    PREFIX + ".store=jdbc needs the JDBI stores, which are not on the class path",
                    "Add the dependency com.webriskops.webhooks:webriskops-webhooks-jdbi-store, or set " + PREFIX
                            + ".store=memory.");
        }
    }

    /** In-memory stores, the default: whatever the application did not declare itself. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = PREFIX, name = "store", havingValue = "memory", matchIfMissing = true)
    static class MemoryStores {
        @Bean
        @ConditionalOnMissingBean
        ReplayStore webriskopsReplayStore() {
            return new InMemoryReplayStore();
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotencyStore webriskopsIdempotencyStore() {
            return new InMemoryIdempotencyStore();
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotentResponseStore webriskopsIdempotentResponseStore() {
            return IdempotentResponseStore.inMemory();
        }
    }

    /** The receiver and its filter, when its paths or secrets are configured. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnReceiverConfigured.class)
    static class Receiver {
        @Bean
        @ConditionalOnMissingBean
        WebhookReceiver<?> webriskopsWebhookReceiver(
                WebRiskOpsWebhooksProperties properties,
                ObjectProvider<SecretResolver> secretResolver,
                ReplayStore replayStore,
                IdempotencyStore idempotencyStore,
                ObjectProvider<DeliveryPolicy<?>> policies,
                ObjectProvider<VerificationListener> listeners) {
            WebRiskOpsWebhooksProperties.Receiver receiver = properties.getReceiver();
            try {
                if (receiver.getScheme() == WebRiskOpsWebhooksProperties.Scheme.STANDARD_WEBHOOKS) {
                    WebhookReceiver.Builder<StandardWebhooksScheme.Message<JsonNode>> builder =
                            WebhookReceiver.builder(standardWebhooks(receiver));
                    configure(builder, receiver, replayStore, idempotencyStore, listeners);
                    policies.orderedStream().forEach(policy -> builder.policy(applicable(policy)));
                    return builder.build();
                }
                if (receiver.getScheme() == WebRiskOpsWebhooksProperties.Scheme.VICKET) {
                    WebhookReceiver.Builder<VicketWebhook> builder = WebhookReceiver.builder(VicketScheme.ofDefaults());
                    configure(builder, receiver, replayStore, idempotencyStore, listeners);
                    secrets(builder, receiver, secretResolver);
                    policies.orderedStream().forEach(policy -> builder.policy(applicable(policy)));
                    return builder.build();
                }
                WebhookReceiver.Builder<TicketExportWebhook> builder = WebhookReceiver.builder();
                configure(builder, receiver, replayStore, idempotencyStore, listeners);
                secrets(builder, receiver, secretResolver);
                if (receiver.getAllow().isConfigured()) {
                    builder.policy(AllowListPolicy.builder()
                            .allowAccounts(receiver.getAllow().getAccounts())
                            .allowProjects(receiver.getAllow().getProjects())
                            .allowTargets(receiver.getAllow().getTargets())
                            .build());
                }
                Integer permits = receiver.getRateLimit().getPermits();
                if (permits != null) {
                    builder.policy(RateLimitPolicy.perAccount(
                            permits, receiver.getRateLimit().getPeriod()));
                }
                policies.orderedStream().forEach(policy -> builder.policy(applicable(policy)));
                return builder.build();
            } catch (IllegalStateException | IllegalArgumentException | ClassCastException e) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        PREFIX + ".receiver", e.getMessage(), "Fix the " + PREFIX + ".receiver.* settings.");
            }
        }

        /** What every scheme's receiver takes from the properties and the context. */
        private static void configure(
                WebhookReceiver.Builder<?> builder,
                WebRiskOpsWebhooksProperties.Receiver receiver,
                ReplayStore replayStore,
                IdempotencyStore idempotencyStore,
                ObjectProvider<VerificationListener> listeners) {
            builder.replayStore(replayStore)
                    .idempotencyStore(idempotencyStore)
                    .timestampTolerance(receiver.getTimestampTolerance())
                    .maxBodyBytes(maxBodyBytes(receiver))
                    .claimLease(receiver.getClaimLease())
                    .completedRetention(receiver.getCompletedRetention())
                    .listener(CompositeListeners.verification(
                            listeners.orderedStream().toList()));
        }

        /** The HMAC schemes' secrets: a SecretResolver bean, or the secrets property. */
        private static void secrets(
                WebhookReceiver.Builder<?> builder,
                WebRiskOpsWebhooksProperties.Receiver receiver,
                ObjectProvider<SecretResolver> secretResolver) {
            SecretResolver resolver = secretResolver.getIfUnique();
            if (resolver != null) {
                builder.secretResolver(resolver);
            } else {
                builder.secrets(secrets(receiver.getSecrets()));
            }
        }

        /**
         * The Standard Webhooks scheme with the whsec_ secrets and whpk_ public keys of the properties;
         * the payload is the provider's JSON as a tree.
         */
        private static StandardWebhooksScheme<JsonNode> standardWebhooks(
                WebRiskOpsWebhooksProperties.Receiver receiver) {
            if (receiver.getSecrets().isEmpty() && receiver.getPublicKeys().isEmpty()) {
                String property = PREFIX + ".receiver.secrets";
                throw new WebRiskOpsWebhooksConfigurationException(
                        property,
                        property + " and " + PREFIX + ".receiver.public-keys are not set: Standard Webhooks"
                                + " deliveries could not be verified",
                        "Set " + property + " to the provider's whsec_ secret, or " + PREFIX
                                + ".receiver.public-keys to its whpk_ public key.");
            }
            StandardWebhooksScheme.Builder<JsonNode> scheme = StandardWebhooksScheme.builder(JsonNode.class);
            receiver.getSecrets().forEach(scheme::secret);
            receiver.getPublicKeys().forEach(scheme::publicKey);
            return scheme.build();
        }

        /**
         * A policy bean, applied to the configured scheme's payload. A policy declared for another
         * scheme's payload fails when it first reads one (the context cannot see its type argument).
         */
        @SuppressWarnings("unchecked")
        private static <P> DeliveryPolicy<? super P> applicable(DeliveryPolicy<?> policy) {
            return (DeliveryPolicy<? super P>) policy;
        }

        @Bean
        @ConditionalOnMissingBean(name = "webriskopsWebhookFilter")
        FilterRegistrationBean<WebRiskOpsWebhookFilter> webriskopsWebhookFilter(
                WebhookReceiver<?> receiver, WebRiskOpsWebhooksProperties properties) {
            List<String> paths = properties.getReceiver().getPaths();
            if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        PREFIX + ".receiver.paths",
                        PREFIX + ".receiver.paths is not set or has a blank entry: the webhook verification would"
                                + " guard no endpoint",
                        "Set " + PREFIX + ".receiver.paths to the servlet URL patterns of your webhook endpoints,"
                                + " such as /webhooks/webriskops.");
            }
            FilterRegistrationBean<WebRiskOpsWebhookFilter> registration =
                    new FilterRegistrationBean<>(new WebRiskOpsWebhookFilter(receiver));
            registration.setName("webriskopsWebhookFilter");
            registration.setUrlPatterns(paths);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            registration.setAsyncSupported(true);
            registration.setOrder(properties.getReceiver().getFilterOrder());
            LOG.info(
                    "WebRiskOps webhook verification guards {} ({} scheme)",
                    paths,
                    properties.getReceiver().getScheme());
            return registration;
        }

        private static int maxBodyBytes(WebRiskOpsWebhooksProperties.Receiver receiver) {
            long bytes = receiver.getMaxBodySize().toBytes();
            if (bytes < 1 || bytes > Integer.MAX_VALUE) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        PREFIX + ".receiver.max-body-size",
                        PREFIX + ".receiver.max-body-size must be between 1 byte and 64 MB",
                        "Set it to the largest delivery you accept, such as 1MB.");
            }
            return (int) bytes;
        }

        private static List<WebhookSecret> secrets(List<String> configured) {
            String property = PREFIX + ".receiver.secrets";
            if (configured.isEmpty()) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        property,
                        property + " is not set: webhook deliveries could not be verified",
                        "Set " + property + " to the signing secret WebRiskOps shows for this endpoint (for"
                                + " instance from an environment variable), or declare a SecretResolver bean."
                                + " During a rotation, list both secrets.");
            }
            List<WebhookSecret> secrets = new ArrayList<>();
            for (int i = 0; i < configured.size(); i++) {
                String secret = configured.get(i);
                if (secret == null || secret.isBlank()) {
                    throw new WebRiskOpsWebhooksConfigurationException(
                            property,
                            property + "[" + i + "] is blank: webhook deliveries could not be verified",
                            "Set " + property + " to the signing secret WebRiskOps shows for this endpoint; an"
                                    + " empty environment variable behind it leaves it blank.");
                }
                secrets.add(WebhookSecret.of(secret));
            }
            return secrets;
        }
    }

    /** Spring MVC: handler arguments, the payload converter and {@code @IdempotentEndpoint} methods. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(WebMvcConfigurer.class)
    static class Mvc {
        @Bean
        WebMvcConfigurer webriskopsWebhooksWebMvcConfigurer() {
            return new WebMvcConfigurer() {
                @Override
                public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                    resolvers.add(new VerifiedDeliveryArgumentResolver());
                }

                @Override
                public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                    converters.add(0, new WebhookPayloadHttpMessageConverter());
                }
            };
        }

        @Bean
        @ConditionalOnMissingBean
        IdempotentRequests webriskopsIdempotentRequests(
                WebRiskOpsWebhooksProperties properties, IdempotentResponseStore store) {
            WebRiskOpsWebhooksProperties.Idempotency idempotency = properties.getIdempotency();
            try {
                return IdempotentRequests.builder()
                        .store(store)
                        .keyTimeToLive(idempotency.getKeyTimeToLive())
                        .claimLease(idempotency.getClaimLease())
                        .maxStoredBodyBytes((int) Math.min(
                                Integer.MAX_VALUE,
                                idempotency.getMaxStoredBodySize().toBytes()))
                        .maxRequestBodyBytes((int) Math.min(
                                Integer.MAX_VALUE,
                                idempotency.getMaxRequestBodySize().toBytes()))
                        .build();
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new WebRiskOpsWebhooksConfigurationException(
                        PREFIX + ".idempotency", e.getMessage(), "Fix the " + PREFIX + ".idempotency.* settings.");
            }
        }

        @Bean
        @ConditionalOnMissingBean(name = "webriskopsIdempotencyFilter")
        FilterRegistrationBean<AnnotatedIdempotencyFilter> webriskopsIdempotencyFilter(
                IdempotentRequests idempotentRequests,
                WebRiskOpsWebhooksProperties properties,
                ApplicationContext context) {
            AnnotatedIdempotencyFilter filter = new AnnotatedIdempotencyFilter(
                    idempotencyFilters(idempotentRequests, properties.getIdempotency()),
                    () -> List.copyOf(context.getBeansOfType(RequestMappingHandlerMapping.class)
                            .values()));
            FilterRegistrationBean<AnnotatedIdempotencyFilter> registration = new FilterRegistrationBean<>(filter);
            registration.setName("webriskopsIdempotencyFilter");
            registration.addUrlPatterns("/*");
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            registration.setAsyncSupported(true);
            registration.setOrder(properties.getIdempotency().getFilterOrder());
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean(name = "webriskopsIdempotencyPathsFilter")
        FilterRegistrationBean<Filter> webriskopsIdempotencyPathsFilter(
                IdempotentRequests idempotentRequests, WebRiskOpsWebhooksProperties properties) {
            List<String> paths = properties.getIdempotency().getPaths();
            FilterRegistrationBean<Filter> registration =
                    new FilterRegistrationBean<>(idempotencyFilters(idempotentRequests, properties.getIdempotency()));
            registration.setName("webriskopsIdempotencyPathsFilter");
            // Without paths the registration stays disabled (an empty one would map to /*).
            registration.setEnabled(!paths.isEmpty());
            registration.setUrlPatterns(paths);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            registration.setAsyncSupported(true);
            registration.setOrder(properties.getIdempotency().getFilterOrder() + 1);
            return registration;
        }

        private static Filter idempotencyFilters(
                IdempotentRequests idempotentRequests, WebRiskOpsWebhooksProperties.Idempotency properties) {
            IdempotencyFilter idempotency = new IdempotencyFilter(idempotentRequests);
            List<String> configured = properties.getSharedSecrets();
            if (configured.isEmpty()) {
                return idempotency;
            }
            String property = PREFIX + ".idempotency.shared-secrets";
            List<SharedSecret> secrets = new ArrayList<>();
            for (int i = 0; i < configured.size(); i++) {
                if (configured.get(i) == null || configured.get(i).isBlank()) {
                    throw new WebRiskOpsWebhooksConfigurationException(
                            property,
                            property + "[" + i + "] is blank",
                            "Set " + property + " to the shared secret your clients send, or remove it.");
                }
                secrets.add(SharedSecret.of(configured.get(i)));
            }
            SharedSecretCheck check = SharedSecretCheck.builder()
                    .headerName(properties.getSharedSecretHeader())
                    .secrets(secrets)
                    .build();
            return FilterChains.of(new SharedSecretFilter(check), idempotency);
        }
    }
}
