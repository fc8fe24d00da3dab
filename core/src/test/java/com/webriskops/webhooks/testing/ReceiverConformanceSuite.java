package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static com.webriskops.webhooks.testing.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.AllowListPolicy;
import com.webriskops.webhooks.receiver.RateLimitPolicy;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.store.StoreException;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * Every receiver rule of DESIGN.md, asserted as a sender sees it: status, code, headers and body,
 * and whether the application's handler ran. Subclasses supply the transport: the pipeline called
 * directly, or an adapter inside a real server over real HTTP.
 */
public abstract class ReceiverConformanceSuite {
    /** Body limit of the receivers under test; small so oversized bodies stay cheap. */
    protected static final int MAX_BODY = 64 * 1024;

    protected final RecordingHandler handler = new RecordingHandler();
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** The transport under test. */
    protected abstract ReceiverHarness harness();

    /** The receiver configuration every test starts from: fixed clock, one secret, 64 KiB. */
    protected WebhookReceiver.Builder<TicketExportWebhook> receiver() {
        return WebhookReceiver.builder()
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

    // --- accepted deliveries -------------------------------------------------------------------

    @Test
    void validDeliveryReachesHandlerWithExactBytesAndTypedPayload() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().build();

        Response response = post(endpoint, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(1);
        RecordingHandler.Seen seen = handler.seen().get(0);
        assertThat(seen.body()).isEqualTo(request.body());
        assertThat(seen.title()).isEqualTo("Fix checkout validation state");
        assertThat(seen.idempotencyKey()).isEqualTo(request.idempotencyKey());
        assertThat(seen.nonce()).isEqualTo(request.nonce());
        assertThat(seen.attempt()).isEqualTo(1);
    }

    @Test
    void multiByteUtf8BodyReachesHandlerUnchanged() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery()
                .editJson(json -> json.withObjectProperty("ticket_export").put("title", "Café ☕ checkout 🛒 — ÅÄÖ"))
                .build();

        Response response = post(endpoint, request);

        assertThat(response.status()).isEqualTo(200);
        assertThat(handler.seen().get(0).body()).isEqualTo(request.body());
        assertThat(handler.seen().get(0).title()).isEqualTo("Café ☕ checkout 🛒 — ÅÄÖ");
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
        WebhookSecret oldSecret = WebhookSecret.of("old-secret");
        WebhookSecret newSecret = WebhookSecret.of("new-secret");
        Endpoint endpoint = start(receiver().secrets(oldSecret, newSecret).build());

        assertThat(post(endpoint, delivery().signedWith(newSecret).build()).status())
                .isEqualTo(200);
        assertThat(post(endpoint, delivery().signedWith(oldSecret).build()).status())
                .isEqualTo(200);
        WebhookSecret unknown = WebhookSecret.of("unknown-secret");
        assertThat(post(endpoint, delivery().signedWith(unknown, newSecret).build())
                        .status())
                .isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(3);
    }

    // --- signature and replay (401) --------------------------------------------------------------

    @Test
    void tamperedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request valid = delivery().build();
        byte[] tampered = new String(valid.body(), StandardCharsets.UTF_8)
                .replace("\"high\"", "\"low\"")
                .getBytes(StandardCharsets.UTF_8);

        Response response = post(endpoint, delivery().bodyAfterSigning(tampered).build());

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
    void missingSignatureIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, delivery().without(WebhookHeaders.SIGNATURE).build());

        assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
    }

    @Test
    void malformedTimestampOrNonceIsRejected() throws Exception {
        Endpoint endpoint = start();

        assertProblem(
                post(
                        endpoint,
                        delivery()
                                .header(WebhookHeaders.TIMESTAMP, "1766203200.5")
                                .build()),
                401,
                "WEBHOOK_SIGNATURE_INVALID");
        assertProblem(
                post(
                        endpoint,
                        delivery().header(WebhookHeaders.NONCE, "has.dot").build()),
                401,
                "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void replayedNonceIsRejected() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().build();

        assertThat(post(endpoint, request).status()).isEqualTo(200);
        Response replay = post(endpoint, request);

        assertProblem(replay, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- size, type and payload (413, 415, 400, 422) ------------------------------------------

    @Test
    void oversizedBodyIsRejected() throws Exception {
        Endpoint endpoint = start();
        byte[] big = new byte[MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');

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
    void wrongSchemaOrEventHeaderIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response schema = post(
                endpoint,
                delivery()
                        .header(WebhookHeaders.SCHEMA, "ticket-export.webhook.v2")
                        .build());
        Response event = post(
                endpoint,
                delivery().header(WebhookHeaders.EVENT, "ticket.created").build());

        assertProblem(schema, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(schema)).contains(WebhookHeaders.SCHEMA);
        assertProblem(event, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(event)).contains(WebhookHeaders.EVENT);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongSchemaOrEventInBodyIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("schema_version", "ticket-export.webhook.v0")
                                .put("event", "other"))
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).contains("schema_version", "event");
    }

    @Test
    void headerAndBodyMismatchesAreEachListed() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> {
                            json.put("idempotency_key", "another-key");
                            json.withObjectProperty("replay_protection").put("timestamp", "1766203100");
                            json.withObjectProperty("replay_protection").put("nonce", "another-nonce");
                            json.withObjectProperty("replay_protection").put("signature_header", "X-Other");
                        })
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response))
                .contains(
                        "idempotency_key",
                        "replay_protection.timestamp",
                        "replay_protection.nonce",
                        "replay_protection.signature_header");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void genericIdempotencyHeaderMustMatch() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .header(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY, "different")
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).contains(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY);
    }

    @Test
    void missingRequiredFieldsAndBadEnumerationsAreListed() throws Exception {
        Endpoint endpoint = start();

        Response missing = post(
                endpoint,
                delivery()
                        .editJson(json -> {
                            json.withObjectProperty("ticket_export").remove("title");
                            json.remove("account");
                        })
                        .build());
        Response badProvider = post(
                endpoint,
                delivery()
                        .editJson(json -> json.withObjectProperty("target").put("provider_key", "ftp_upload"))
                        .build());
        Response badAttempt = post(
                endpoint, delivery().editJson(json -> json.put("attempt", 0)).build());

        assertProblem(missing, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(missing)).contains("ticket_export.title", "account");
        assertProblem(badProvider, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badProvider)).containsExactly("target.provider_key");
        assertProblem(badAttempt, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badAttempt)).containsExactly("attempt");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void unknownFieldsAreTolerated() throws Exception {
        Endpoint endpoint = start();

        Response response = post(
                endpoint,
                delivery()
                        .editJson(json -> {
                            json.put("added_in_v1_1", true);
                            json.withObjectProperty("ticket_export")
                                    .putObject("future")
                                    .put("x", 1);
                        })
                        .build());

        assertThat(response.status()).isEqualTo(200);
    }

    // --- policies (403, 429) ------------------------------------------------------------------

    @Test
    void accountOutsideTheAllowListIsForbidden() throws Exception {
        Endpoint endpoint = start(receiver()
                .policy(AllowListPolicy.builder().allowAccounts(1).build())
                .build());

        Response response = post(endpoint, delivery().build());

        assertProblem(response, 403, "WEBHOOK_FORBIDDEN");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() throws Exception {
        Endpoint endpoint = start(receiver()
                .policy(RateLimitPolicy.perAccount(1, Duration.ofMinutes(1)))
                .build());

        assertThat(post(endpoint, delivery().build()).status()).isEqualTo(200);
        Response limited = post(endpoint, delivery().build());

        assertProblem(limited, 429, "WEBHOOK_RATE_LIMITED");
        assertThat(limited.header(WebhookHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(handler.calls()).isEqualTo(1);
    }

    // --- duplicate guard ------------------------------------------------------------------------

    @Test
    void retryOfACompletedExportAnswersDuplicateWithoutCallingTheHandler() throws Exception {
        Endpoint endpoint = start();
        String key = "export-retried";

        assertThat(post(endpoint, delivery().idempotencyKey(key).build()).status())
                .isEqualTo(200);
        Response retry =
                post(endpoint, delivery().idempotencyKey(key).attempt(2).build());

        assertThat(retry.status()).isEqualTo(200);
        JsonNode body = WebhookJson.mapper().readTree(retry.body());
        assertThat(body.path("status").asText()).isEqualTo("duplicate");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void retryWhileTheFirstIsInProgressAnswers429() throws Exception {
        Endpoint endpoint = start();
        String key = "export-in-progress";
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handler.blockNext(entered, release);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<Response> first = executor.submit(
                    () -> post(endpoint, delivery().idempotencyKey(key).build()));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            Response second =
                    post(endpoint, delivery().idempotencyKey(key).attempt(2).build());

            assertProblem(second, 429, "WEBHOOK_DELIVERY_IN_PROGRESS");
            assertThat(Long.parseLong(second.header(WebhookHeaders.RETRY_AFTER)))
                    .isPositive();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        Response third =
                post(endpoint, delivery().idempotencyKey(key).attempt(3).build());
        assertThat(WebhookJson.mapper().readTree(third.body()).path("status").asText())
                .isEqualTo("duplicate");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void handlerAnswering500LeavesTheKeyClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        String key = "export-failing";
        handler.answer(500);

        assertThat(post(endpoint, delivery().idempotencyKey(key).build()).status())
                .isEqualTo(500);
        handler.answer(200);
        Response retry =
                post(endpoint, delivery().idempotencyKey(key).attempt(2).build());

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(handler.seen().get(1).attempt()).isEqualTo(2);
    }

    @Test
    void handlerThrowingLeavesTheKeyClaimableAgain() throws Exception {
        Endpoint endpoint = start();
        String key = "export-throwing";
        handler.throwOnce();

        assertThat(post(endpoint, delivery().idempotencyKey(key).build()).status())
                .isGreaterThanOrEqualTo(500);
        Response retry = Retries.whileInProgress(
                429,
                () -> post(endpoint, delivery().idempotencyKey(key).attempt(2).build()));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void concurrentRetriesOfOneExportReachTheHandlerExactlyOnce() throws Exception {
        Endpoint endpoint = start();
        String key = "export-raced";
        int threads = 12;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                TestDeliveries.Request request =
                        delivery().idempotencyKey(key).attempt(i + 1).build();
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
                delivery().timestamp(NOW.minusSeconds(1000)).build();

        Response response = post(endpoint, request);

        String signature = request.headers().get(WebhookHeaders.SIGNATURE).get(0);
        assertThat(response.bodyText())
                .doesNotContain(TestDeliveries.SECRET_TEXT)
                .doesNotContain(signature)
                .doesNotContain(signature.substring("sha256=".length()));
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

        Response response = post(endpoint, delivery().build());

        assertProblem(response, 503, "WEBHOOK_RECEIVER_UNAVAILABLE");
        assertThat(response.header(WebhookHeaders.RETRY_AFTER)).isNotNull();
        assertThat(handler.calls()).isZero();
    }

    @Test
    void rejectedDeliveriesLeaveNoNonceBehind() throws Exception {
        InMemoryReplayStore nonces = new InMemoryReplayStore();
        Endpoint endpoint = start(receiver().replayStore(nonces).build());

        post(endpoint, delivery().signedWith(WebhookSecret.of("wrong")).build());
        post(endpoint, delivery().editJson(json -> json.remove("target")).build());
        post(endpoint, delivery().timestamp(NOW.minusSeconds(301)).build());

        assertThat(nonces.size()).isZero();
    }

    // --- helpers --------------------------------------------------------------------------------

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
