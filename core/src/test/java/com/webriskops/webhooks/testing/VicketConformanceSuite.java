package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static com.webriskops.webhooks.testing.VicketDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.vicket.VicketScheme;
import com.webriskops.webhooks.vicket.VicketWebhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receiver rules for the Vicket scheme ({@code WebhookReceiver.builder(VicketScheme
 * .ofDefaults())}), asserted as a sender sees them. Subclasses supply the transport (the pipeline
 * directly, or an unchanged adapter in a real server over HTTP); their application code reports what
 * it saw with {@link #seen(VerifiedDelivery, byte[])}.
 */
public abstract class VicketConformanceSuite {
    /** Body limit of the receivers under test. */
    protected static final int MAX_BODY = 64 * 1024;

    protected final RecordingHandler handler = new RecordingHandler();
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** The transport under test. */
    protected abstract ReceiverHarness harness();

    /**
     * What the application saw, in the shared record: the Vicket {@code id} as idempotency key, the
     * attempt (0: Vicket numbers none), the replay id as nonce, and the typed payload's {@code event}
     * as title.
     */
    public static RecordingHandler.Seen seen(VerifiedDelivery<?> delivery, byte[] body) {
        return new RecordingHandler.Seen(
                delivery.idempotencyKey(),
                delivery.attempt(),
                delivery.nonce(),
                body,
                delivery.payload(VicketWebhook.class).event());
    }

    /** The receiver every test starts from: the Vicket scheme, fixed clock, one secret, 64 KiB. */
    protected WebhookReceiver.Builder<VicketWebhook> receiver() {
        return WebhookReceiver.builder(VicketScheme.ofDefaults())
                .secrets(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .maxBodyBytes(MAX_BODY);
    }

    protected Endpoint start(WebhookReceiver<?> receiver) throws Exception {
        Endpoint endpoint = harness().start(receiver, handler);
        endpoints.add(endpoint);
        return endpoint;
    }

    protected Endpoint start() throws Exception {
        return start(receiver().build());
    }

    @AfterEach
    void closeEndpoints() {
        for (Endpoint endpoint : endpoints) {
            endpoint.close();
        }
    }

    protected static Response post(Endpoint endpoint, TestDeliveries.Request request) throws Exception {
        return endpoint.post(request.headers(), request.body());
    }

    // --- accepted -------------------------------------------------------------------------------

    @Test
    void validDeliveryReachesHandlerWithExactBytesAndTypedPayload() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().id("evt-valid-1").build();

        Response response = post(endpoint, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(1);
        RecordingHandler.Seen seen = handler.seen().get(0);
        assertThat(seen.body()).isEqualTo(request.body());
        assertThat(seen.title()).isEqualTo(VicketDeliveries.EVENT);
        assertThat(seen.idempotencyKey()).isEqualTo("evt-valid-1");
        assertThat(seen.attempt()).isZero();
        assertThat(seen.nonce()).startsWith("vicket." + NOW.getEpochSecond() + ".");
    }

    @Test
    void timestampsAtTheEdgesOfTheWindowAreAccepted() throws Exception {
        Endpoint endpoint = start();

        assertThat(post(endpoint, delivery().timestamp(NOW.minusSeconds(300)).build())
                        .status())
                .isEqualTo(200);
        assertThat(post(endpoint, delivery().timestamp(NOW.plusSeconds(300)).build())
                        .status())
                .isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void rotationAcceptsEitherSecretAndEitherSignature() throws Exception {
        WebhookSecret oldSecret = WebhookSecret.of("old-vicket-secret");
        WebhookSecret newSecret = WebhookSecret.of("new-vicket-secret");
        Endpoint endpoint = start(receiver().secrets(oldSecret, newSecret).build());

        assertThat(post(endpoint, delivery().signedWith(newSecret).build()).status())
                .isEqualTo(200);
        assertThat(post(endpoint, delivery().signedWith(oldSecret).build()).status())
                .isEqualTo(200);
        assertThat(post(
                                endpoint,
                                delivery()
                                        .signedWith(WebhookSecret.of("unknown"), newSecret)
                                        .build())
                        .status())
                .isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(3);
    }

    @Test
    void unknownMembersAreTolerated() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("added_later", true)
                                .withObjectProperty("data")
                                .put("x", 1))
                        .build());

        assertThat(response.status()).isEqualTo(200);
    }

    // --- signature and replay (401) -------------------------------------------------------------

    @Test
    void tamperedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request valid = delivery().build();
        byte[] tampered = new String(valid.body(), StandardCharsets.UTF_8)
                .replace("resolved", "reopened")
                .getBytes(StandardCharsets.UTF_8);

        Response response = post(endpoint, new TestDeliveries.Request(valid.headers(), tampered));

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery().signedWith(WebhookSecret.of("not-the-secret")).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void staleTimestampIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, delivery().timestamp(NOW.minusSeconds(301)).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void futureTimestampIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, delivery().timestamp(NOW.plusSeconds(301)).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void missingOrMalformedSignatureHeaderIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request valid = delivery().build();
        String v1 = VicketDeliveries.signature(valid).replaceAll(".*v1=", "");

        assertProblem(
                post(endpoint, delivery().without(VicketScheme.SIGNATURE_HEADER).build()),
                401,
                "WEBHOOK_SIGNATURE_INVALID");
        assertProblem(
                post(
                        endpoint,
                        delivery()
                                .header(VicketScheme.SIGNATURE_HEADER, "hmac-sha256, v1=" + v1)
                                .build()),
                401,
                "WEBHOOK_SIGNATURE_INVALID");
        assertProblem(
                post(
                        endpoint,
                        delivery()
                                .header(VicketScheme.SIGNATURE_HEADER, "sha1, t=" + NOW.getEpochSecond() + ", v1=" + v1)
                                .build()),
                401,
                "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void replayedRequestIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().build();

        assertThat(post(endpoint, request).status()).isEqualTo(200);
        Response replay = post(endpoint, request);

        assertProblem(replay, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void replayWithAFreshUnsignedTimestampIsStoppedByTheDuplicateGuard() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().id("evt-replayed").build();
        assertThat(post(endpoint, request).status()).isEqualTo(200);

        // t is not covered by Vicket's HMAC: an attacker can change it and the signature still holds.
        String moved = VicketDeliveries.signature(request)
                .replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 5));
        Response replay = post(
                endpoint,
                new TestDeliveries.Request(withHeader(request, VicketScheme.SIGNATURE_HEADER, moved), request.body()));

        assertThat(replay.status()).isEqualTo(200);
        assertThat(WebhookJson.mapper().readTree(replay.body()).path("status").asText())
                .isEqualTo("duplicate");
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- size, type and payload (413, 415, 400, 422) -------------------------------------------

    @Test
    void oversizedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        byte[] big = new byte[MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');

        Response response = post(endpoint, delivery().rawBody(big).build());

        assertProblem(response, 413, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongContentTypeIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery().header(WebhookHeaders.CONTENT_TYPE, "text/plain").build());

        assertProblem(response, 415, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void signedBodyThatIsNotJsonIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery().rawBody("{not json".getBytes(StandardCharsets.UTF_8)).build());

        assertProblem(response, 400, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void missingOrInvalidIdIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response missing =
                post(endpoint, delivery().editJson(json -> json.remove("id")).build());
        Response empty = post(endpoint, delivery().id("").build());
        Response tooLong = post(endpoint, delivery().id("x".repeat(256)).build());
        Response notAscii = post(endpoint, delivery().id("évènement").build());
        Response notText =
                post(endpoint, delivery().editJson(json -> json.putObject("id")).build());

        for (Response response : List.of(missing, empty, tooLong, notAscii, notText)) {
            assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
            assertThat(violationFields(response)).containsExactly("id");
        }
        assertThat(handler.calls()).isZero();
    }

    @Test
    void missingEventAndBadOccurredAtAreListed() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, delivery().editJson(json -> json.remove("event")).build());
        Response badTime = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("occurred_at", "yesterday"))
                        .build());
        Response noOffset = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("occurred_at", "2026-05-23T14:21:11"))
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).containsExactly("event");
        assertProblem(badTime, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badTime)).containsExactly("occurred_at");
        assertProblem(noOffset, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(noOffset)).containsExactly("occurred_at");
        assertThat(handler.calls()).isZero();
    }

    // --- duplicate guard --------------------------------------------------------------------------

    @Test
    void retryWithTheSameIdAnswersDuplicateWithoutCallingTheHandler() throws Exception {
        Endpoint endpoint = start();

        assertThat(post(endpoint, delivery().id("evt-retried").build()).status())
                .isEqualTo(200);
        Response retry = post(
                endpoint,
                delivery().id("evt-retried").timestamp(NOW.plusSeconds(30)).build());

        assertThat(retry.status()).isEqualTo(200);
        JsonNode body = WebhookJson.mapper().readTree(retry.body());
        assertThat(body.path("status").asText()).isEqualTo("duplicate");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void retryWhileTheFirstIsInProgressAnswers429() throws Exception {
        Endpoint endpoint = start();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handler.blockNext(entered, release);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first = executor.submit(
                    () -> post(endpoint, delivery().id("evt-busy").build()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            Response second = post(
                    endpoint,
                    delivery().id("evt-busy").timestamp(NOW.plusSeconds(1)).build());

            assertProblem(second, 429, "WEBHOOK_DELIVERY_IN_PROGRESS");
            assertThat(Long.parseLong(second.header(WebhookHeaders.RETRY_AFTER)))
                    .isPositive();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void handlerAnswering500LeavesTheIdClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        handler.answer(500);

        assertThat(post(endpoint, delivery().id("evt-failing").build()).status())
                .isEqualTo(500);
        handler.answer(200);
        Response retry = post(
                endpoint,
                delivery().id("evt-failing").timestamp(NOW.plusSeconds(10)).build());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void handlerThrowingLeavesTheIdClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        handler.throwOnce();

        assertThat(post(endpoint, delivery().id("evt-throwing").build()).status())
                .isGreaterThanOrEqualTo(500);
        Response retry = Retries.whileInProgress(
                429,
                () -> post(
                        endpoint,
                        delivery()
                                .id("evt-throwing")
                                .timestamp(NOW.plusSeconds(10))
                                .build()));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneIdReachTheHandlerExactlyOnce() throws Exception {
        Endpoint endpoint = start();
        int threads = 8;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TestDeliveries.Request request =
                        delivery().id("evt-raced").timestamp(NOW.plusSeconds(i)).build();
                answers.add(executor.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return post(endpoint, request);
                }));
            }
            for (Future<Response> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).status()).isIn(200, 429);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- errors never leak; rejected deliveries write nothing ------------------------------------

    @Test
    void problemBodiesNeverEchoTheSecretOrTheSignature() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request =
                delivery().timestamp(NOW.minusSeconds(1000)).build();

        Response response = post(endpoint, request);

        String v1 = VicketDeliveries.signature(request).replaceAll(".*v1=", "");
        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.bodyText())
                .doesNotContain(TestDeliveries.SECRET_TEXT)
                .doesNotContain(v1);
    }

    @Test
    void rejectedDeliveriesLeaveNoReplayIdBehind() throws Exception {
        InMemoryReplayStore replayIds = new InMemoryReplayStore();
        Endpoint endpoint = start(receiver().replayStore(replayIds).build());

        post(endpoint, delivery().signedWith(WebhookSecret.of("wrong")).build());
        post(endpoint, delivery().editJson(json -> json.remove("id")).build());
        post(endpoint, delivery().timestamp(NOW.minusSeconds(301)).build());

        assertThat(replayIds.size()).isZero();
    }

    // --- helpers --------------------------------------------------------------------------------

    private static java.util.Map<String, List<String>> withHeader(
            TestDeliveries.Request request, String name, String value) {
        java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>(request.headers());
        headers.put(name, List.of(value));
        return headers;
    }

    protected static void assertProblem(Response response, int status, String code) throws IOException {
        assertThat(response.status()).as("status of %s", response.bodyText()).isEqualTo(status);
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        JsonNode problem = WebhookJson.mapper().readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
    }

    protected static List<String> violationFields(Response response) throws IOException {
        List<String> fields = new ArrayList<>();
        WebhookJson.mapper()
                .readTree(response.body())
                .path("violations")
                .forEach(violation -> fields.add(violation.path("field").asText()));
        return fields;
    }
}
