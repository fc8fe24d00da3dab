package com.webriskops.webhooks.jaxrs.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;
import static com.webriskops.webhooks.testing.Deliveries.SECRET;
import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.testing.RecordingHandler;
import com.webriskops.webhooks.testing.Retries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the JAX-RS adapter adds to the receiver rules, over real HTTP in a real runtime: the resource
 * gets the exact bytes, the typed payload and the delivery; the claim follows the resource's outcome,
 * whether it answers or throws; unannotated methods are untouched; secrets can differ per endpoint;
 * refusals are the pipeline's answers byte for byte. Each runtime's module subclasses it.
 */
public abstract class JaxrsAdapterSuite {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final int MAX_BODY = 64 * 1024;

    protected final RecordingHandler handler = new RecordingHandler();
    protected final Probe probe = new Probe();
    private final List<JaxrsServer.Running> servers = new ArrayList<>();
    private URI base;

    /**
     * How this runtime starts a server: by default through {@link JaxrsServer#seBootstrap()}, so the
     * runtime on the test module's classpath answers.
     */
    protected JaxrsServer server() {
        return JaxrsServer.seBootstrap();
    }

    /**
     * Whether this runtime injects {@code @Context ContainerRequestContext} into resource methods
     * (Jersey does; it is not among the types JAX-RS requires, and RESTEasy refuses it).
     */
    protected abstract boolean injectsContainerRequestContextIntoResources();

    private static WebhookReceiver.Builder<TicketExportWebhook> receiver() {
        return WebhookReceiver.builder()
                .secrets(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .maxBodyBytes(MAX_BODY);
    }

    private void start(WebhookReceiver<?> receiver) throws Exception {
        JaxrsServer.Running running = server().start(new WebhookTestApplication(receiver, handler, probe));
        servers.add(running);
        base = running.baseUri();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (JaxrsServer.Running running : servers) {
            running.stop().close();
        }
    }

    // --- what the resource gets -------------------------------------------------------------------

    @Test
    void resourceGetsTheTypedPayloadAndTheDelivery() throws Exception {
        start(receiver().build());
        SignedDelivery request = webRiskOps()
                .editJson(json -> json.withObjectProperty("ticket_export").put("title", "Café ☕ checkout"))
                .build();

        Response response = post("probe/typed", request);

        assertThat(response.status()).isEqualTo(200);
        Probe.Call call = probe.calls().get(0);
        // The typed payload, as the entity parameter.
        assertThat(call.entity()).isNotNull();
        assertThat(call.entity().ticketExport().title()).isEqualTo("Café ☕ checkout");
        assertThat(call.entity().idempotencyKey()).isEqualTo(request.idempotencyKey());
        // The delivery, through the injected security context.
        VerifiedDelivery<?> delivery = call.delivery();
        assertThat(delivery).isNotNull();
        assertThat(delivery.payload())
                .as("the entity is the payload the pipeline read and validated, not a second parse")
                .isSameAs(call.entity());
        assertThat(delivery.rawBody()).isEqualTo(request.body());
        assertThat(delivery.idempotencyKey()).isEqualTo(request.idempotencyKey());
        assertThat(delivery.nonce()).isEqualTo(request.nonce());
        assertThat(delivery.attempt()).isEqualTo(1);
        assertThat(call.principal()).isNotNull();
        assertThat(call.principal().getName()).isEqualTo("webriskops");
        // The same delivery, as the request property read by the application's own filter.
        assertThat(probe.propertiesSeenByFilter()).singleElement().isSameAs(delivery);
    }

    @Test
    void resourceReadsTheDeliveryFromTheRequestPropertyWhereTheRuntimeAllows() throws Exception {
        start(receiver().build());
        SignedDelivery request = webRiskOps().build();

        Response response = post("probe/request-context", request);

        if (injectsContainerRequestContextIntoResources()) {
            assertThat(response.status()).isEqualTo(200);
            assertThat(probe.calls().get(0).delivery().idempotencyKey()).isEqualTo(request.idempotencyKey());
            assertThat(probe.propertiesSeenByFilter())
                    .singleElement()
                    .isSameAs(probe.calls().get(0).delivery());
        } else {
            // The runtime fails the request before the method runs; the claim is released all the same.
            assertThat(response.status()).isGreaterThanOrEqualTo(500);
            assertThat(probe.calls()).isEmpty();
            assertThat(post(
                                    "probe/typed",
                                    webRiskOps()
                                            .idempotencyKey(request.idempotencyKey())
                                            .attempt(2)
                                            .build())
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void resourceReadingTheEntityAsBytesGetsTheExactBodyAsSent() throws Exception {
        start(receiver().build());
        SignedDelivery compact = webRiskOps().build();
        // Whitespace a re-serialisation would drop; the signature covers it, so must the entity.
        byte[] spaced = new String(compact.body(), StandardCharsets.UTF_8)
                .replace(",\"", ",\n\t  \"")
                .getBytes(StandardCharsets.UTF_8);
        SignedDelivery request = webRiskOps()
                .nonce(compact.nonce())
                .idempotencyKey(compact.idempotencyKey())
                .rawBody(spaced)
                .build();

        Response response = post("hooks", request);

        assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
        assertThat(handler.seen().get(0).body()).isEqualTo(spaced).isNotEqualTo(compact.body());
    }

    @Test
    void classLevelAnnotationProtectsTheClassesMethods() throws Exception {
        start(receiver().build());

        Response unsigned = post(
                "class-level", webRiskOps().without(WebhookHeaders.SIGNATURE).build());
        Response signed = post("class-level", webRiskOps().build());

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(signed.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void unannotatedMethodOnTheSameServerIsUntouched() throws Exception {
        start(receiver().build());
        byte[] body = "no signature, not JSON".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(base.resolve("probe/open"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("open " + body.length);
        assertThat(probe.calls().get(0).entityBytes()).isEqualTo(body);
        assertThat(probe.calls().get(0).principal()).isNull();
        assertThat(probe.propertiesSeenByFilter()).isEmpty();
    }

    // --- the claim follows the resource's outcome ---------------------------------------------------

    @Test
    void resourceAnswering500LeavesTheKeyClaimableAgain() throws Exception {
        start(receiver().build());
        String key = "export-500";
        handler.answer(500);

        Response failed = post("probe/typed", webRiskOps().idempotencyKey(key).build());
        handler.answer(200);
        Response retried = secondAttemptOnceReleased(key);
        Response again =
                post("probe/typed", webRiskOps().idempotencyKey(key).attempt(3).build());

        assertThat(failed.status()).isEqualTo(500);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(handler.seen().get(1).attempt()).isEqualTo(2);
        assertDuplicate(again, key);
    }

    /**
     * Sends attempt 2 of {@code key} to {@code probe/typed}, again while it is answered 429 (the failed
     * first attempt's claim not yet released).
     */
    private Response secondAttemptOnceReleased(String key) throws Exception {
        return Retries.whileInProgress(
                429,
                () -> post(
                        "probe/typed",
                        webRiskOps().idempotencyKey(key).attempt(2).build()));
    }

    @Test
    void resourceThrowingAnUnmappedExceptionLeavesTheKeyClaimableAgain() throws Exception {
        start(receiver().build());
        String key = "export-throws";
        handler.throwOnce();

        Response failed = post("probe/typed", webRiskOps().idempotencyKey(key).build());
        Response retried = secondAttemptOnceReleased(key);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void exceptionMappedByTheRuntimeReleasesTheClaim() throws Exception {
        start(receiver().build());
        String key = "export-unavailable";

        Response failed =
                post("probe/unavailable", webRiskOps().idempotencyKey(key).build());
        Response retried = secondAttemptOnceReleased(key);

        assertThat(failed.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
    }

    @Test
    void resourceAnswering204CompletesTheKey() throws Exception {
        start(receiver().build());
        String key = "export-204";
        handler.answer(204);

        assertThat(post("probe/typed", webRiskOps().idempotencyKey(key).build()).status())
                .isEqualTo(204);
        assertDuplicate(
                post("probe/typed", webRiskOps().idempotencyKey(key).attempt(2).build()), key);
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- secrets per endpoint ---------------------------------------------------------------------

    @Test
    void secretResolverChoosesTheSecretByRequestPath() throws Exception {
        WebhookSecret tenantA = WebhookSecret.of("tenant-a-secret");
        WebhookSecret tenantB = WebhookSecret.of("tenant-b-secret");
        List<String> pathsSeen = new CopyOnWriteArrayList<>();
        start(receiver()
                .secretResolver(request -> {
                    pathsSeen.add(request.path());
                    return switch (String.valueOf(request.path())) {
                        case "/probe/tenants/a" -> List.of(tenantA);
                        case "/probe/tenants/b" -> List.of(tenantB);
                        default -> List.of();
                    };
                })
                .build());

        Response aToA = post("probe/tenants/a", webRiskOps().signedWith(tenantA).build());
        Response aToB = post("probe/tenants/b", webRiskOps().signedWith(tenantA).build());
        Response bToB = post("probe/tenants/b", webRiskOps().signedWith(tenantB).build());
        Response unknownTenant =
                post("probe/tenants/c", webRiskOps().signedWith(tenantA).build());

        assertThat(aToA.status()).isEqualTo(200);
        assertThat(aToB.status()).isEqualTo(401);
        assertThat(bToB.status()).isEqualTo(200);
        assertThat(unknownTenant.status()).isEqualTo(401);
        assertThat(pathsSeen)
                .containsExactly("/probe/tenants/a", "/probe/tenants/b", "/probe/tenants/b", "/probe/tenants/c");
        assertThat(probe.calls()).extracting(Probe.Call::path).containsExactly("tenants/a", "tenants/b");
    }

    // --- refusals are the pipeline's answers, byte for byte --------------------------------------

    @Test
    void refusalIsThePipelinesAnswerByteForByte() throws Exception {
        start(receiver().build());
        SignedDelivery stale = webRiskOps().timestamp(NOW.minusSeconds(301)).build();
        HttpAnswer expected = receiver()
                .build()
                .receive(InboundRequest.of(stale.headers(), stale.body()))
                .answer();

        Response response = post("probe/typed", stale);

        assertAnswer(response, expected);
    }

    @Test
    void rateLimitAnswerCarriesRetryAfterByteForByte() throws Exception {
        start(receiver()
                .policy(RateLimitPolicy.perAccount(1, Duration.ofMinutes(1)))
                .build());
        WebhookReceiver<TicketExportWebhook> twin = receiver()
                .policy(RateLimitPolicy.perAccount(1, Duration.ofMinutes(1)))
                .build();
        SignedDelivery first = webRiskOps().build();
        SignedDelivery second = webRiskOps().build();
        twin.receive(InboundRequest.of(first.headers(), first.body()));
        HttpAnswer expected =
                twin.receive(InboundRequest.of(second.headers(), second.body())).answer();

        assertThat(post("probe/typed", first).status()).isEqualTo(200);
        Response limited = post("probe/typed", second);

        assertAnswer(limited, expected);
        assertThat(limited.header(WebhookHeaders.RETRY_AFTER)).isEqualTo("60");
    }

    @Test
    void duplicateAnswerIsThePipelinesByteForByte() throws Exception {
        start(receiver().build());
        String key = "export-duplicate";
        HttpAnswer expected = new ReceiveResult.Duplicate<>(key).answer();

        assertThat(post("probe/typed", webRiskOps().idempotencyKey(key).build()).status())
                .isEqualTo(200);
        Response duplicate =
                post("probe/typed", webRiskOps().idempotencyKey(key).attempt(2).build());

        assertAnswer(duplicate, expected);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void oversizedChunkedBodyIsRefusedWithoutAContentLength() throws Exception {
        start(receiver().build());
        byte[] big = new byte[MAX_BODY * 4];
        Arrays.fill(big, (byte) ' ');
        SignedDelivery request = webRiskOps().rawBody(big).build();
        HttpRequest.Builder http = HttpRequest.newBuilder(base.resolve("probe/typed"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        request.headers().forEach((name, values) -> values.forEach(value -> http.header(name, value)));

        HttpResponse<String> response = CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(handler.calls()).isZero();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private Response post(String path, SignedDelivery request) throws Exception {
        return new HttpEndpoint(base.resolve(path), () -> {}).post(request.headers(), request.body());
    }

    private static void assertAnswer(Response response, HttpAnswer expected) {
        assertThat(response.status()).as(response.bodyText()).isEqualTo(expected.status());
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).isEqualTo(expected.contentType());
        expected.headers()
                .forEach((name, value) ->
                        assertThat(response.header(name)).as(name).isEqualTo(value));
        assertThat(response.body()).isEqualTo(expected.body());
    }

    private static void assertDuplicate(Response response, String key) throws Exception {
        assertThat(response.status()).isEqualTo(200);
        assertThat(WebhookJson.mapper().readTree(response.body()).path("status").asText())
                .isEqualTo("duplicate");
        assertThat(WebhookJson.mapper()
                        .readTree(response.body())
                        .path("idempotency_key")
                        .asText())
                .isEqualTo(key);
    }
}
