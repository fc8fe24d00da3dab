package com.webriskops.webhooks.spring;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.spring.autoconfigure.WebRiskOpsWebhooksAutoConfiguration;
import com.webriskops.webhooks.spring.autoconfigure.WebRiskOpsWebhooksSenderAutoConfiguration;
import com.webriskops.webhooks.spring.internal.ConfigurationFailureAnalyzer;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** The auto-configuration's decisions, without a server: properties, back-off, failures. */
class WebRiskOpsWebhooksAutoConfigurationTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    WebRiskOpsWebhooksAutoConfiguration.class, WebRiskOpsWebhooksSenderAutoConfiguration.class));

    private static ReceiveResult<?> receive(WebhookReceiver<?> receiver, SignedDelivery request) {
        return receiver.receive(InboundRequest.of(request.headers(), request.body()));
    }

    @Test
    void nothingIsVerifiedWithoutPathsOrSecrets() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(WebhookReceiver.class);
            assertThat(context).doesNotHaveBean("webriskopsWebhookFilter");
            assertThat(context).doesNotHaveBean(DispatcherLifecycle.class);
        });
    }

    @Test
    void propertiesShapeTheReceiverAndItsFilter() {
        runner.withPropertyValues(
                        "webriskops.webhooks.receiver.secrets=old-secret,with-a-comma",
                        "webriskops.webhooks.receiver.secrets[1]=new-rotated-secret-value",
                        "webriskops.webhooks.receiver.paths=/webhooks/webriskops,/hooks/*",
                        "webriskops.webhooks.receiver.allow.accounts=42",
                        "webriskops.webhooks.receiver.rate-limit.permits=100")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    WebhookReceiver<?> receiver = context.getBean(WebhookReceiver.class);
                    assertThat(receiver.toString()).contains("policies=2");
                    FilterRegistrationBean<?> filter =
                            context.getBean("webriskopsWebhookFilter", FilterRegistrationBean.class);
                    assertThat(filter.getUrlPatterns()).containsExactly("/webhooks/webriskops", "/hooks/*");
                });
    }

    @Test
    void aCommaInsideASecretIsPartOfItAndEveryListedSecretVerifies() {
        runner.withPropertyValues(
                        "webriskops.webhooks.receiver.secrets[0]=old-rotated,secret-value",
                        "webriskops.webhooks.receiver.secrets[1]=new-rotated-secret-value",
                        "webriskops.webhooks.receiver.paths=/webhooks/*")
                .run(context -> {
                    WebhookReceiver<?> receiver = context.getBean(WebhookReceiver.class);
                    Instant now = Instant.now();
                    Function<String, ReceiveResult<?>> signedWith = secret -> receive(
                            receiver,
                            webRiskOps()
                                    .timestamp(now)
                                    .signedWith(WebhookSecret.of(secret))
                                    .build());
                    assertThat(signedWith.apply("old-rotated,secret-value")).isInstanceOf(ReceiveResult.Accepted.class);
                    assertThat(signedWith.apply("new-rotated-secret-value")).isInstanceOf(ReceiveResult.Accepted.class);
                    assertThat(signedWith.apply("old-rotated")).isInstanceOf(ReceiveResult.Rejected.class);
                });
    }

    @Test
    void theStandardWebhooksSchemeIsAPropertyAndVerifiesTheProvidersSignatures() {
        String secret =
                "whsec_" + Base64.getEncoder().encodeToString("a 32-byte standard webhooks key!".getBytes(UTF_8));
        runner.withPropertyValues(
                        "webriskops.webhooks.receiver.secrets=" + secret,
                        "webriskops.webhooks.receiver.paths=/webhooks/*",
                        "webriskops.webhooks.receiver.scheme=standard-webhooks")
                .run(context -> {
                    WebhookReceiver<?> receiver = context.getBean(WebhookReceiver.class);
                    byte[] body = "{\"type\":\"invoice.paid\"}".getBytes(UTF_8);
                    Function<String, ReceiveResult<?>> signedWith = key -> receiver.receive(InboundRequest.of(
                            StandardWebhooksScheme.builder()
                                    .secret(key)
                                    .build()
                                    .sign("msg_spring", Instant.now(), body),
                            body));
                    assertThat(receiver.toString()).contains("scheme=" + StandardWebhooksScheme.NAME);
                    assertThat(signedWith.apply(secret)).isInstanceOf(ReceiveResult.Accepted.class);
                    assertThat(signedWith.apply("whsec_"
                                    + Base64.getEncoder()
                                            .encodeToString("another 32-byte key, not theirs".getBytes(UTF_8))))
                            .isInstanceOf(ReceiveResult.Rejected.class);
                });
    }

    @Test
    void theStandardWebhooksSchemeWithoutKeysFailsStartUpNamingBothProperties() {
        runner.withPropertyValues(
                        "webriskops.webhooks.receiver.paths=/webhooks/*",
                        "webriskops.webhooks.receiver.scheme=standard-webhooks")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("webriskops.webhooks.receiver.public-keys"));
    }

    @Test
    void theVicketSchemeIsAProperty() {
        runner.withPropertyValues(
                        "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
                        "webriskops.webhooks.receiver.paths=/webhooks/*",
                        "webriskops.webhooks.receiver.scheme=vicket")
                .run(context -> assertThat(
                                context.getBean(WebhookReceiver.class).toString())
                        .contains("scheme=vicket.webhook"));
    }

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        InMemoryReplayStore own = new InMemoryReplayStore();
        runner.withBean("myReplayStore", ReplayStore.class, () -> own)
                .withPropertyValues(
                        "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
                        "webriskops.webhooks.receiver.paths=/webhooks/*")
                .run(context -> {
                    assertThat(context).getBean(ReplayStore.class).isSameAs(own);
                    WebhookReceiver<?> receiver = context.getBean(WebhookReceiver.class);
                    receive(receiver, webRiskOps().timestamp(Instant.now()).build());
                    assertThat(own.size()).isEqualTo(1);
                });
    }

    @Test
    void missingSecretFailsWithAnAnalysisNamingTheProperty() {
        runner.withPropertyValues("webriskops.webhooks.receiver.paths=/webhooks/*")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .contains("webriskops.webhooks.receiver.secrets is not set")
                            .contains("(property: webriskops.webhooks.receiver.secrets)");
                    assertThat(analysis.getAction()).contains("SecretResolver");
                });
    }

    @Test
    void jdbcStoreWithoutADataSourceFailsNamingTheStoreProperty() {
        runner.withPropertyValues(
                        "webriskops.webhooks.store=jdbc",
                        "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
                        "webriskops.webhooks.receiver.paths=/webhooks/*")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("(property: webriskops.webhooks.store)");
                });
    }

    @Test
    void theSenderStartsAndStopsWithTheContext() {
        runner.withPropertyValues("webriskops.webhooks.sender.enabled=true", "webriskops.webhooks.sender.workers=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DispatcherLifecycle dispatcher = context.getBean(DispatcherLifecycle.class);
                    assertThat(dispatcher.isRunning()).isTrue();
                    context.stop();
                    assertThat(dispatcher.isRunning()).isFalse();
                    context.start();
                    assertThat(dispatcher.isRunning()).isTrue();
                });
    }
}
