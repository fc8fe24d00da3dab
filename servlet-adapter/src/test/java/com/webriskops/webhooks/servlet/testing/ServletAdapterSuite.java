package com.webriskops.webhooks.servlet.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;
import static com.webriskops.webhooks.testing.Deliveries.SECRET;
import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.testing.RecordingHandler;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the servlet adapter adds to core's conformance suite, checked in a real container over real
 * HTTP: the verified request's entity as the application reads it, asynchronous servlets, and
 * rejections written byte for byte. Subclasses name the container.
 */
public abstract class ServletAdapterSuite {
    private static final String TITLE = "Café ☕ checkout 🛒 — ÅÄÖ";

    private final RecordingHandler handler = new RecordingHandler();
    private WebhookTestApp app;
    private ServletContainerUnderTest.Running server;

    /** The container under test. */
    protected abstract ServletContainerUnderTest container();

    private static WebhookReceiver<?> receiver() {
        return WebhookReceiver.builder()
                .secrets(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    @BeforeEach
    void startServer() throws Exception {
        app = new WebhookTestApp(new WebRiskOpsWebhookFilter(receiver()), handler);
        server = container().start(app);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private Response post(String path, SignedDelivery request) throws Exception {
        return new HttpEndpoint(server.baseUri().resolve(path), () -> {}).post(request.headers(), request.body());
    }

    private static Deliveries.WebRiskOpsBuilder multiByteDelivery() {
        return webRiskOps()
                .editJson(json -> json.withObjectProperty("ticket_export").put("title", TITLE));
    }

    @Test
    void readerAndInputStreamSeeTheSignedCharactersAnyNumberOfTimes() throws Exception {
        SignedDelivery request = multiByteDelivery().build();
        String signedText = new String(request.body(), StandardCharsets.UTF_8);

        Response response = post(WebhookTestApp.PROBE, request);

        assertThat(response.status()).isEqualTo(200);
        WebhookTestApp.Probe probe = app.lastProbe();
        assertThat(probe.readerText()).isEqualTo(signedText).contains(TITLE);
        assertThat(probe.secondReaderText()).isEqualTo(signedText);
        assertThat(probe.streamBytes()).isEqualTo(request.body());
        assertThat(probe.secondStreamBytes()).isEqualTo(request.body());
        assertThat(probe.contentLength()).isEqualTo(request.body().length);
    }

    @Test
    void readerDecodesWithTheDeclaredUtf8Charset() throws Exception {
        SignedDelivery request = multiByteDelivery()
                .header(WebhookHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                .build();

        assertThat(post(WebhookTestApp.PROBE, request).status()).isEqualTo(200);

        assertThat(app.lastProbe().readerText()).isEqualTo(new String(request.body(), StandardCharsets.UTF_8));
    }

    @Test
    void readerDecodesAsUtf8WhateverTheUnsignedCharsetSays() throws Exception {
        SignedDelivery request = multiByteDelivery()
                .header(WebhookHeaders.CONTENT_TYPE, "application/json; charset=ISO-8859-1")
                .build();

        assertThat(post(WebhookTestApp.PROBE, request).status()).isEqualTo(200);

        assertThat(app.lastProbe().readerText())
                .isEqualTo(new String(request.body(), StandardCharsets.UTF_8))
                .contains(TITLE);
        assertThat(app.lastProbe().streamBytes()).isEqualTo(request.body());
    }

    @Test
    void asyncServletCompletingWith500LeavesTheKeyClaimableAgain() throws Exception {
        String key = "export-async-failing";
        handler.answer(500);

        assertThat(post(
                                WebhookTestApp.ASYNC,
                                multiByteDelivery().idempotencyKey(key).build())
                        .status())
                .isEqualTo(500);
        handler.answer(200);
        Response retry = post(
                WebhookTestApp.ASYNC,
                multiByteDelivery().idempotencyKey(key).attempt(2).build());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(handler.seen().get(1).attempt()).isEqualTo(2);
        assertThat(handler.seen().get(1).summary()).isEqualTo(TITLE);
    }

    /** Posts {@code first} to {@code path}, expects 200, then posts the second attempt of {@code key} and returns its answer. */
    private Response retryAfterA200(String path, SignedDelivery first, String key) throws Exception {
        assertThat(post(path, first).status()).isEqualTo(200);
        return post(path, multiByteDelivery().idempotencyKey(key).attempt(2).build());
    }

    @Test
    void asyncServletCompletingWith200MakesTheRetryADuplicate() throws Exception {
        String key = "export-async-done";
        SignedDelivery first = multiByteDelivery().idempotencyKey(key).build();

        Response retry = retryAfterA200(WebhookTestApp.ASYNC, first, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(json(retry).path("status").asText()).isEqualTo("duplicate");
        assertThat(handler.calls()).isEqualTo(1);
        assertThat(handler.seen().get(0).body()).isEqualTo(first.body());
    }

    @Test
    void asyncDispatchPassesTheVerifiedRequestThroughTheFilterAgain() throws Exception {
        String key = "export-async-dispatch";
        SignedDelivery first = multiByteDelivery().idempotencyKey(key).build();

        Response retry = retryAfterA200(WebhookTestApp.ASYNC_DISPATCH, first, key);

        assertThat(handler.calls()).isEqualTo(1);
        assertThat(handler.seen().get(0).body()).isEqualTo(first.body());
        assertThat(json(retry).path("status").asText()).isEqualTo("duplicate");
    }

    @Test
    void asyncTimeoutLeavesTheKeyClaimableAgain() throws Exception {
        String key = "export-async-timeout";

        assertThat(post(
                                WebhookTestApp.ASYNC_TIMEOUT,
                                webRiskOps().idempotencyKey(key).build())
                        .status())
                .isGreaterThanOrEqualTo(500);
        Response retry = post(
                WebhookTestApp.ASYNC_TIMEOUT,
                webRiskOps().idempotencyKey(key).attempt(2).build());

        assertThat(retry.status()).isGreaterThanOrEqualTo(500);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void anyMethodButPostOnAGuardedPathIsAnswered405WithAllowPost() throws Exception {
        SignedDelivery request = webRiskOps().build();
        HttpEndpoint endpoint = new HttpEndpoint(server.baseUri().resolve(WebhookTestApp.RECEIVE), () -> {});

        for (String method : List.of("GET", "PUT", "DELETE")) {
            Response response =
                    endpoint.send(method, request.headers(), method.equals("GET") ? new byte[0] : request.body());

            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.header("Allow")).as(method).isEqualTo("POST");
        }
        assertThat(handler.calls()).isZero();
    }

    @Test
    void stackedFiltersEachVerifyWithTheirOwnReceiver() throws Exception {
        WebhookSecret innerSecret = WebhookSecret.of("whsec_inner_endpoint_secret");
        WebhookReceiver<?> inner = WebhookReceiver.builder()
                .secrets(innerSecret)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        WebhookTestApp stacked = new WebhookTestApp(
                new WebRiskOpsWebhookFilter(receiver()), new WebRiskOpsWebhookFilter(inner), handler);
        try (ServletContainerUnderTest.Running running = container().start(stacked)) {
            HttpEndpoint endpoint = new HttpEndpoint(running.baseUri().resolve(WebhookTestApp.INNER_RECEIVE), () -> {});

            SignedDelivery outerOnly =
                    webRiskOps().idempotencyKey("export-outer-only").build();
            assertThat(endpoint.post(outerOnly.headers(), outerOnly.body()).status())
                    .isEqualTo(401);
            assertThat(handler.calls()).isZero();

            SignedDelivery both = webRiskOps()
                    .idempotencyKey("export-both")
                    .signedWith(SECRET, innerSecret)
                    .build();
            assertThat(endpoint.post(both.headers(), both.body()).status()).isEqualTo(200);
            assertThat(handler.calls()).isEqualTo(1);
        }
    }

    @Test
    void secretResolverSeesThePathTheContainerRouted() throws Exception {
        WebhookSecret otherSecret = WebhookSecret.of("whsec_other_endpoint_secret");
        WebhookReceiver<?> byPath = WebhookReceiver.builder()
                .secretResolver(request ->
                        ("/" + WebhookTestApp.RECEIVE).equals(request.path()) ? List.of(SECRET) : List.of(otherSecret))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        try (ServletContainerUnderTest.Running running =
                container().start(new WebhookTestApp(new WebRiskOpsWebhookFilter(byPath), handler))) {
            HttpEndpoint withParameter =
                    new HttpEndpoint(URI.create(running.baseUri() + WebhookTestApp.RECEIVE + ";v=1"), () -> {});

            SignedDelivery otherEndpoints = webRiskOps()
                    .idempotencyKey("export-other-secret")
                    .signedWith(otherSecret)
                    .build();
            assertThat(withParameter
                            .post(otherEndpoints.headers(), otherEndpoints.body())
                            .status())
                    .isEqualTo(401);
            SignedDelivery own =
                    webRiskOps().idempotencyKey("export-own-secret").build();
            assertThat(withParameter.post(own.headers(), own.body()).status()).isEqualTo(200);
            assertThat(handler.calls()).isEqualTo(1);
        }
    }

    @Test
    void rejectionIsWrittenExactlyAsThePipelineDecidedIt() throws Exception {
        SignedDelivery valid = webRiskOps().build();
        byte[] tampered = new String(valid.body(), StandardCharsets.UTF_8)
                .replace("\"high\"", "\"low\"")
                .getBytes(StandardCharsets.UTF_8);
        SignedDelivery request = webRiskOps().bodyAfterSigning(tampered).build();
        HttpAnswer expected = receiver()
                .receive(InboundRequest.of(request.headers(), request.body()))
                .answer();

        Response response = post(WebhookTestApp.RECEIVE, request);

        assertThat(response.status()).isEqualTo(expected.status()).isEqualTo(401);
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).startsWith(expected.contentType());
        assertThat(response.header(WebhookHeaders.CONTENT_LENGTH)).isEqualTo(Integer.toString(expected.bodyLength()));
        assertThat(response.body()).isEqualTo(expected.body());
        assertThat(handler.calls()).isZero();
    }

    private static JsonNode json(Response response) throws Exception {
        return WebhookJson.mapper().readTree(response.body());
    }
}
