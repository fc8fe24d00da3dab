package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.WebhookReceiver;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receiver rules every scheme obeys, asserted as a sender sees them: status, code, headers and
 * body, and whether the application's handler ran. Written once against a {@link SchemeFixture};
 * {@link ReceiverConformanceSuite} runs it for every scheme in {@link SchemeFixture#all()}.
 */
public abstract class SchemeConformanceCases extends ConformanceCases {
    private static final String SIGNATURE_INVALID = "WEBHOOK_SIGNATURE_INVALID";
    private static final String VALIDATION_FAILED = "WEBHOOK_VALIDATION_FAILED";

    protected SchemeConformanceCases(SchemeFixture scheme, ReceiverHarness harness) {
        super(scheme, harness);
    }

    // --- accepted deliveries -------------------------------------------------------------------

    @Test
    void validDeliveryReachesHandlerWithExactBytesAndTypedPayload() throws Exception {
        Endpoint endpoint = start();
        SignedDelivery request = scheme.delivery().build();

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
        SignedDelivery request = scheme.delivery()
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
        WebhookSecret oldSecret = WebhookSecret.forTesting("old-secret");
        WebhookSecret newSecret = WebhookSecret.forTesting("new-secret");
        Endpoint endpoint = start(receiver(oldSecret, newSecret).build());

        assertThat(post(endpoint, scheme.delivery().signedWith(newSecret).build())
                        .status())
                .isEqualTo(200);
        assertThat(post(endpoint, scheme.delivery().signedWith(oldSecret).build())
                        .status())
                .isEqualTo(200);
        WebhookSecret unknown = WebhookSecret.forTesting("unknown-secret");
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

    // --- refused before the handler (401, 413, 415, 400, 422) -----------------------------------

    /**
     * A delivery the receiver refuses before the handler runs, whatever the scheme.
     *
     * @param name what is wrong, for the test report
     * @param status the answer's status
     * @param code the problem's {@code code}
     * @param request builds the delivery for a scheme
     */
    record Refusal(String name, int status, String code, Function<SchemeFixture, SignedDelivery> request) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Refusal> refusals() {
        return List.of(
                new Refusal("tampered body", 401, SIGNATURE_INVALID, scheme -> {
                    SignedDelivery valid = scheme.delivery().build();
                    byte[] tampered = scheme.tampered(valid.body());
                    assertThat(tampered).isNotEqualTo(valid.body());
                    return new SignedDelivery(valid.headers(), tampered);
                }),
                new Refusal(
                        "wrong secret",
                        401,
                        SIGNATURE_INVALID,
                        scheme -> scheme.delivery()
                                .signedWith(WebhookSecret.of("not-the-secret"))
                                .build()),
                new Refusal(
                        "stale timestamp",
                        401,
                        SIGNATURE_INVALID,
                        scheme -> scheme.delivery()
                                .timestamp(NOW.minusSeconds(301))
                                .build()),
                new Refusal(
                        "future timestamp",
                        401,
                        SIGNATURE_INVALID,
                        scheme -> scheme.delivery()
                                .timestamp(NOW.plusSeconds(301))
                                .build()),
                new Refusal(
                        "missing signature",
                        401,
                        SIGNATURE_INVALID,
                        scheme -> scheme.delivery()
                                .without(scheme.signatureHeader())
                                .build()),
                new Refusal(
                        "wrong content type",
                        415,
                        VALIDATION_FAILED,
                        scheme -> scheme.delivery()
                                .header(WebhookHeaders.CONTENT_TYPE, "text/plain")
                                .build()),
                new Refusal(
                        "compressed body",
                        415,
                        VALIDATION_FAILED,
                        scheme -> scheme.delivery()
                                .header(WebhookHeaders.CONTENT_ENCODING, "gzip")
                                .build()),
                new Refusal(
                        "signed body that is not JSON",
                        400,
                        VALIDATION_FAILED,
                        scheme -> scheme.delivery()
                                .rawBody("{not json".getBytes(StandardCharsets.UTF_8))
                                .build()),
                new Refusal("oversized body", 413, VALIDATION_FAILED, scheme -> {
                    byte[] big = new byte[MAX_BODY + 1];
                    Arrays.fill(big, (byte) ' ');
                    return scheme.delivery().rawBody(big).build();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("com.webriskops.webhooks.testing.SchemeConformanceCases#refusals")
    void refusedDeliveryNeverReachesTheHandler(Refusal refusal) throws Exception {
        Endpoint endpoint = start();

        Response response = post(endpoint, refusal.request().apply(scheme));

        assertProblem(response, refusal.status(), refusal.code());
        assertThat(handler.calls()).isZero();
    }

    @TestFactory
    Stream<DynamicTest> invalidPayloadIsRefusedListingEachViolation() throws Exception {
        Endpoint endpoint = start();
        return scheme.invalidPayloads().stream()
                .map(invalid -> dynamicTest(invalid.name(), () -> {
                    Response response = post(endpoint, invalid.request());

                    assertProblem(response, 422, VALIDATION_FAILED);
                    if (invalid.exactly()) {
                        assertThat(violationFields(response)).containsExactlyElementsOf(invalid.fields());
                    } else {
                        assertThat(violationFields(response)).containsAll(invalid.fields());
                    }
                    assertThat(handler.calls()).isZero();
                }));
    }

    @Test
    void malformedSignatureInputsAreRejected() throws Exception {
        Endpoint endpoint = start();

        for (DeliveryBuilder<?> request : scheme.malformedSignatures()) {
            assertProblem(post(endpoint, request.build()), 401, "WEBHOOK_SIGNATURE_INVALID");
        }
        assertThat(handler.calls()).isZero();
    }

    /**
     * A byte-identical resend of a completed delivery: "nonce used before" (401), except for schemes
     * whose key is the at-least-once handle and whose replay id is the message itself (Vicket), where
     * it is the sender's redelivery and answers duplicate.
     */
    @Test
    void replayedDeliveryIsRejected() throws Exception {
        WebhookReceiver<?> receiver = receiver().build();
        Endpoint endpoint = start(receiver);
        SignedDelivery request = scheme.delivery().build();

        assertThat(post(endpoint, request).status()).isEqualTo(200);
        Response replay = post(endpoint, request);

        if (receiver.scheme().duplicateGuardFirst()) {
            assertDuplicate(replay);
        } else {
            assertProblem(replay, 401, "WEBHOOK_SIGNATURE_INVALID");
        }
        assertThat(handler.calls()).isEqualTo(1);
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
                SignedDelivery request = scheme.retry(key, i + 1).build();
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
        SignedDelivery request =
                scheme.delivery().timestamp(NOW.minusSeconds(1000)).build();

        Response response = post(endpoint, request);

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(response.bodyText()).doesNotContain(Deliveries.SECRET_TEXT);
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

        post(
                endpoint,
                scheme.delivery().editJson(scheme.requiredMemberRemoved()).build());
        for (SchemeFixture.Invalid invalid : scheme.invalidPayloads()) {
            post(endpoint, invalid.request());
        }
        // Not the bodies refused unread (413 oversized, 415 wrong type or encoding): they can record
        // nothing, and a server may close the connection under a client still sending one, failing
        // whichever request comes next on it.
        for (Refusal refusal : refusals()) {
            if (refusal.status() != 413 && refusal.status() != 415) {
                post(endpoint, refusal.request().apply(scheme));
            }
        }

        assertThat(replayIds.size()).isZero();
        assertThat(handler.calls()).isZero();
    }
}
