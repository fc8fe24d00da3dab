package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.store.StoreException;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The receiver rules every scheme obeys, asserted as a sender sees them: status, code, headers and
 * body, and whether the application's handler ran. Written once against a {@link SchemeFixture};
 * {@link ReceiverConformanceSuite} runs it for every scheme in {@link SchemeFixture#all()}.
 */
public abstract class SchemeConformanceCases extends ConformanceCases {
    protected SchemeConformanceCases(SchemeFixture scheme, ReceiverHarness harness) {
        super(scheme, harness);
    }

    // --- accepted deliveries -------------------------------------------------------------------

    @Test
    void validDeliveryReachesHandlerWithExactBytesAndTypedPayload() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = scheme.delivery().build();

        Response response = post(endpoint, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(1);
        RecordingHandler.Seen seen = handler.seen().get(0);
        assertThat(seen.body()).isEqualTo(request.body());
        assertThat(seen.summary()).isEqualTo(scheme.defaultSummary());
        assertThat(seen.idempotencyKey()).isEqualTo(scheme.idempotencyKey(request));
        assertThat(seen.nonce()).isEqualTo(scheme.replayId(request));
        assertThat(seen.attempt()).isEqualTo(scheme.attemptSeen(1));
    }

    @Test
    void multiByteUtf8BodyReachesHandlerUnchanged() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = scheme.delivery()
                .editJson(scheme.summaryIs("Café ☕ checkout 🛒 — ÅÄÖ"))
                .build();

        Response response = post(endpoint, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(handler.seen().get(0).body()).isEqualTo(request.body());
        assertThat(handler.seen().get(0).summary()).isEqualTo("Café ☕ checkout 🛒 — ÅÄÖ");
    }

    @Test
    void timestampsAtTheEdgesOfTheWindowAreAccepted() throws Exception {
        Endpoint endpoint = start();

        assertThat(post(
                                endpoint,
                                scheme.delivery()
                                        .timestamp(NOW.minusSeconds(300))
                                        .build())
                        .status())
                .isEqualTo(200);
        assertThat(post(
                                endpoint,
                                scheme.delivery()
                                        .timestamp(NOW.plusSeconds(300))
                                        .build())
                        .status())
                .isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void rotationAcceptsEitherSecretAndEitherSignature() throws Exception {
        WebhookSecret oldSecret = WebhookSecret.of("old-secret");
        WebhookSecret newSecret = WebhookSecret.of("new-secret");
        Endpoint endpoint = start(receiver().secrets(oldSecret, newSecret).build());

        assertThat(post(endpoint, scheme.delivery().signedWith(newSecret).build())
                        .status())
                .isEqualTo(200);
        assertThat(post(endpoint, scheme.delivery().signedWith(oldSecret).build())
                        .status())
                .isEqualTo(200);
        WebhookSecret unknown = WebhookSecret.of("unknown-secret");
        assertThat(post(
                                endpoint,
                                scheme.delivery().signedWith(unknown, newSecret).build())
                        .status())
                .isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(3);
    }

    @Test
    void unknownFieldsAreTolerated() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint, scheme.delivery().editJson(scheme.unknownMembers()).build());

        assertThat(response.status()).isEqualTo(200);
    }

    // --- signature and replay (401) --------------------------------------------------------------

    @Test
    void tamperedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request valid = scheme.delivery().build();
        byte[] tampered = scheme.tampered(valid.body());
        assertThat(tampered).isNotEqualTo(valid.body());

        Response response = post(endpoint, new TestDeliveries.Request(valid.headers(), tampered));

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                scheme.delivery().signedWith(WebhookSecret.of("not-the-secret")).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void staleTimestampIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint, scheme.delivery().timestamp(NOW.minusSeconds(301)).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void futureTimestampIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, scheme.delivery().timestamp(NOW.plusSeconds(301)).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void missingSignatureIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint, scheme.delivery().without(scheme.signatureHeader()).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void malformedSignatureInputsAreRejected() throws Exception {
        Endpoint endpoint = start();

        for (TestDeliveries.Request request : scheme.malformedSignatures()) {
            assertProblem(post(endpoint, request), 401, "WEBHOOK_SIGNATURE_INVALID");
        }
        assertThat(handler.calls()).isZero();
    }

    @Test
    void replayedDeliveryIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = scheme.delivery().build();

        assertThat(post(endpoint, request).status()).isEqualTo(200);
        Response replay = post(endpoint, request);

        assertProblem(replay, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- size, type and payload (413, 415, 400) ---------------------------------------------------

    @Test
    void oversizedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        byte[] big = new byte[MAX_BODY + 1];
        Arrays.fill(big, (byte) ' ');

        Response response = post(endpoint, scheme.delivery().rawBody(big).build());

        assertProblem(response, 413, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongContentTypeIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                scheme.delivery()
                        .header(WebhookHeaders.CONTENT_TYPE, "text/plain")
                        .build());

        assertProblem(response, 415, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void signedBodyThatIsNotJsonIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                scheme.delivery()
                        .rawBody("{not json".getBytes(StandardCharsets.UTF_8))
                        .build());

        assertProblem(response, 400, "WEBHOOK_VALIDATION_FAILED");
        assertThat(handler.calls()).isZero();
    }

    // --- duplicate guard ------------------------------------------------------------------------

    @Test
    void retryOfACompletedDeliveryAnswersDuplicateWithoutCallingTheHandler() throws Exception {
        Endpoint endpoint = start();
        String key = "delivery-retried";

        assertThat(post(endpoint, scheme.retry(key, 1).build()).status()).isEqualTo(200);
        Response retry = post(endpoint, scheme.retry(key, 2).build());

        assertDuplicate(retry);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void retryWhileTheFirstIsInProgressAnswers429() throws Exception {
        Endpoint endpoint = start();
        String key = "delivery-in-progress";
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handler.blockNext(entered, release);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first =
                    executor.submit(() -> post(endpoint, scheme.retry(key, 1).build()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            Response second = post(endpoint, scheme.retry(key, 2).build());

            assertProblem(second, 429, "WEBHOOK_DELIVERY_IN_PROGRESS");
            assertThat(Long.parseLong(second.header(WebhookHeaders.RETRY_AFTER)))
                    .isPositive();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertDuplicate(post(endpoint, scheme.retry(key, 3).build()));
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void handlerAnswering500LeavesTheKeyClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        String key = "delivery-failing";
        handler.answer(500);

        assertThat(post(endpoint, scheme.retry(key, 1).build()).status()).isEqualTo(500);
        handler.answer(200);
        Response retry = post(endpoint, scheme.retry(key, 2).build());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(handler.seen().get(1).attempt()).isEqualTo(scheme.attemptSeen(2));
    }

    @Test
    void handlerThrowingLeavesTheKeyClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        String key = "delivery-throwing";
        handler.throwOnce();

        assertThat(post(endpoint, scheme.retry(key, 1).build()).status()).isGreaterThanOrEqualTo(500);
        AtomicInteger attempt = new AtomicInteger(2);
        Response retry = Retries.whileInProgress(
                429,
                () -> post(
                        endpoint, scheme.retry(key, attempt.getAndIncrement()).build()));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneDeliveryReachTheHandlerExactlyOnce() throws Exception {
        Endpoint endpoint = start();
        String key = "delivery-raced";
        int threads = 12;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TestDeliveries.Request request = scheme.retry(key, i + 1).build();
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

    // --- errors never leak, stores failing ------------------------------------------------------

    @Test
    void problemBodiesNeverEchoTheSecretOrTheSignature() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request =
                scheme.delivery().timestamp(NOW.minusSeconds(1000)).build();

        Response response = post(endpoint, request);

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.bodyText()).doesNotContain(TestDeliveries.SECRET_TEXT);
        for (String part : scheme.signatureParts(request)) {
            assertThat(response.bodyText()).doesNotContain(part);
        }
    }

    @Test
    void unreachableStoreAnswers503WithRetryAfter() throws Exception {
        ReplayStore down = new ReplayStore() {
            @Override
            public boolean recordIfAbsent(String nonce, Instant now, Instant expiresAt) {
                throw new StoreException("database is down", new IOException("connection refused"));
            }

            @Override
            public int purgeExpired(Instant now, int limit) {
                throw new StoreException("database is down");
            }
        };
        Endpoint endpoint = start(receiver().replayStore(down).build());

        Response response = post(endpoint, scheme.delivery().build());

        assertProblem(response, 503, "WEBHOOK_RECEIVER_UNAVAILABLE");
        assertThat(response.header(WebhookHeaders.RETRY_AFTER)).isNotNull();
        assertThat(handler.calls()).isZero();
    }

    @Test
    void rejectedDeliveriesLeaveNoReplayIdBehind() throws Exception {
        InMemoryReplayStore replayIds = new InMemoryReplayStore();
        Endpoint endpoint = start(receiver().replayStore(replayIds).build());

        post(endpoint, scheme.delivery().signedWith(WebhookSecret.of("wrong")).build());
        post(
                endpoint,
                scheme.delivery().editJson(scheme.requiredMemberRemoved()).build());
        post(endpoint, scheme.delivery().timestamp(NOW.minusSeconds(301)).build());

        assertThat(replayIds.size()).isZero();
    }
}
