package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.KeyClaim;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.store.StoreException;
import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idempotent API endpoint as a client sees it over real HTTP: the scanner postback with {@code
 * X-Scanner-Secret} and {@code Idempotency-Key}. Subclasses supply the transport (each adapter in a
 * real server).
 */
public abstract class IdempotencyConformanceSuite {
    /** The scanner secret the endpoints under test accept. */
    protected static final String SCANNER_SECRET = "scanner_test_secret_never_echoed";

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final byte[] POSTBACK = ("{\"scanRunId\":123,\"status\":\"completed\",\"page\":{\"url\":"
                    + "\"https://example.test\",\"statusCode\":200},\"issues\":[]}")
            .getBytes(StandardCharsets.UTF_8);

    protected final ScannerHandler handler = new ScannerHandler();
    /** The engine's clock; tests move it by hand. */
    protected final SteppedClock clock = new SteppedClock(START);

    private final List<Endpoint> endpoints = new ArrayList<>();
    private final OpenClaims open = new OpenClaims();

    /** The transport under test. */
    protected abstract IdempotencyHarness harness();

    /** The engine configuration every test starts from: the test clock, an in-memory store. */
    protected IdempotentRequests.Builder idempotency() {
        return IdempotentRequests.builder()
                .clock(clock)
                .store(new SettlingStore(IdempotentResponseStore.inMemory(), open));
    }

    protected Endpoint start(IdempotentRequests idempotency, @Nullable SharedSecretCheck check) throws Exception {
        Endpoint endpoint = harness().start(idempotency, check, handler);
        endpoints.add(endpoint);
        return endpoint;
    }

    protected Endpoint start() throws Exception {
        return start(idempotency().build(), SharedSecretCheck.of(SharedSecret.of(SCANNER_SECRET)));
    }

    @AfterEach
    void closeEndpoints() {
        for (Endpoint endpoint : endpoints) {
            endpoint.close();
        }
    }

    /**
     * Posts and returns once the answer is recorded: an async servlet sends its answer before the
     * container tells the filter the request is complete, so a client can see the bytes a moment
     * before the store does. Waiting on that condition (not on the clock) keeps an immediate retry
     * and a clock moved just after the answer honest on a loaded machine.
     */
    protected Response post(Endpoint endpoint, @Nullable String key, byte[] body) throws Exception {
        return post(endpoint, key, SCANNER_SECRET, body);
    }

    protected Response post(Endpoint endpoint, @Nullable String key, @Nullable String secret, byte[] body)
            throws Exception {
        Response response = postWithoutSettling(endpoint, key, secret, body);
        open.awaitNone();
        return response;
    }

    /** Posts and returns as soon as the answer arrives, for requests sent while another holds its key. */
    protected static Response postWithoutSettling(
            Endpoint endpoint, @Nullable String key, @Nullable String secret, byte[] body) throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Accept", List.of("application/json"));
        if (secret != null) {
            headers.put("X-Scanner-Secret", List.of(secret));
        }
        if (key != null) {
            headers.put("Idempotency-Key", List.of(key));
        }
        return endpoint.post(headers, body);
    }

    protected static JsonNode json(Response response) throws IOException {
        return WebhookJson.mapper().readTree(response.body());
    }

    protected static void assertProblem(Response response, int status, String code) throws IOException {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(response.bodyText()).doesNotContain(SCANNER_SECRET);
    }

    @Test
    void firstRequestRunsTheHandlerAndGetsItsAnswer() throws Exception {
        Endpoint endpoint = start();
        Response response = post(endpoint, "scan-run-123-attempt-1", POSTBACK);
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("Content-Type")).startsWith(ScannerHandler.CONTENT_TYPE);
        assertThat(json(response).path("id").asText()).isNotEmpty();
        assertThat(response.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(handler.calls()).isEqualTo(1);
        assertThat(handler.seen().get(0)).isEqualTo(POSTBACK);
    }

    @Test
    void identicalRetryGetsTheStoredAnswerByteForByteWithoutRunningTheHandler() throws Exception {
        Endpoint endpoint = start();
        Response first = post(endpoint, "scan-run-123-attempt-1", POSTBACK);
        Response retry = post(endpoint, "scan-run-123-attempt-1", POSTBACK);
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.header("Content-Type")).isEqualTo(first.header("Content-Type"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void differentKeysRunTheHandlerEachTime() throws Exception {
        Endpoint endpoint = start();
        Response first = post(endpoint, "key-a", POSTBACK);
        Response second = post(endpoint, "key-b", POSTBACK);
        assertThat(json(first).path("id").asText())
                .isNotEqualTo(json(second).path("id").asText());
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void changedBodyWithTheSameKeyIsRefusedWith422() throws Exception {
        Endpoint endpoint = start();
        post(endpoint, "scan-run-123-attempt-1", POSTBACK);
        byte[] changed = new String(POSTBACK, StandardCharsets.UTF_8)
                .replace("completed", "failed")
                .getBytes(StandardCharsets.UTF_8);
        Response reused = post(endpoint, "scan-run-123-attempt-1", changed);
        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void concurrentRetriesRunTheHandlerOnceAndGet409WithRetryAfterWhileItRuns() throws Exception {
        Endpoint endpoint = start();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        handler.blockNext(entered, release);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<Response> first =
                    pool.submit(() -> postWithoutSettling(endpoint, "concurrent-key", SCANNER_SECRET, POSTBACK));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            CyclicBarrier barrier = new CyclicBarrier(6);
            List<Future<Response>> retries = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                retries.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return postWithoutSettling(endpoint, "concurrent-key", SCANNER_SECRET, POSTBACK);
                }));
            }
            for (Future<Response> retry : retries) {
                Response response = retry.get(30, TimeUnit.SECONDS);
                assertProblem(response, 409, "IDEMPOTENCY_REQUEST_IN_PROGRESS");
                assertThat(response.header("Retry-After")).isEqualTo("1");
            }
            release.countDown();
            Response firstResponse = first.get(30, TimeUnit.SECONDS);
            open.awaitNone();
            assertThat(firstResponse.status()).isEqualTo(202);
            Response after = post(endpoint, "concurrent-key", POSTBACK);
            assertThat(after.body()).isEqualTo(firstResponse.body());
            assertThat(after.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void simultaneousFirstRequestsRunTheHandlerOnce() throws Exception {
        Endpoint endpoint = start();
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CyclicBarrier barrier = new CyclicBarrier(clients);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                responses.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return postWithoutSettling(endpoint, "racing-key", SCANNER_SECRET, POSTBACK);
                }));
            }
            List<byte[]> accepted = new ArrayList<>();
            for (Future<Response> future : responses) {
                Response response = future.get(30, TimeUnit.SECONDS);
                if (response.status() == 202) {
                    accepted.add(response.body());
                } else {
                    assertProblem(response, 409, "IDEMPOTENCY_REQUEST_IN_PROGRESS");
                }
            }
            assertThat(accepted).isNotEmpty();
            assertThat(accepted).allSatisfy(body -> assertThat(body).isEqualTo(accepted.get(0)));
        } finally {
            pool.shutdownNow();
        }
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void serverErrorIsNotStoredSoTheRetryRunsTheHandler() throws Exception {
        Endpoint endpoint = start();
        handler.answer(503);
        assertThat(post(endpoint, "retry-after-5xx", POSTBACK).status()).isEqualTo(503);
        handler.answer(202);
        Response retry = post(endpoint, "retry-after-5xx", POSTBACK);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(post(endpoint, "retry-after-5xx", POSTBACK).body()).isEqualTo(retry.body());
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void handlerExceptionReleasesTheKey() throws Exception {
        Endpoint endpoint = start();
        handler.throwOnce();
        assertThat(post(endpoint, "retry-after-exception", POSTBACK).status()).isGreaterThanOrEqualTo(500);
        Response retry = Retries.whileInProgress(409, () -> post(endpoint, "retry-after-exception", POSTBACK));
        assertThat(retry.status()).isEqualTo(202);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void clientErrorAnswersAreStoredAndReplayed() throws Exception {
        Endpoint endpoint = start();
        handler.answer(400);
        Response first = post(endpoint, "bad-payload", POSTBACK);
        assertThat(first.status()).isEqualTo(400);
        Response retry = post(endpoint, "bad-payload", POSTBACK);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void answersLargerThanTheBoundAreNotStoredAndTheKeyIsReleased() throws Exception {
        Endpoint endpoint = start(
                idempotency().maxStoredBodyBytes(256).build(), SharedSecretCheck.of(SharedSecret.of(SCANNER_SECRET)));
        handler.pad(1000);
        Response first = post(endpoint, "large-answer", POSTBACK);
        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().length).isGreaterThan(1000);
        Response retry = post(endpoint, "large-answer", POSTBACK);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void keysExpireAfterTheirTimeToLive() throws Exception {
        Endpoint endpoint = start(
                idempotency().keyTimeToLive(Duration.ofHours(24)).build(),
                SharedSecretCheck.of(SharedSecret.of(SCANNER_SECRET)));
        Response first = post(endpoint, "expiring-key", POSTBACK);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(post(endpoint, "expiring-key", POSTBACK).body()).isEqualTo(first.body());
        assertThat(handler.calls()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        Response afterExpiry = post(endpoint, "expiring-key", POSTBACK);
        assertThat(afterExpiry.status()).isEqualTo(202);
        assertThat(afterExpiry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(afterExpiry.body()).isNotEqualTo(first.body());
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void missingScannerSecretIsRefusedWith401() throws Exception {
        Endpoint endpoint = start();
        Response response = post(endpoint, "no-secret", null, POSTBACK);
        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void wrongScannerSecretIsRefusedWith401AndNotEchoed() throws Exception {
        Endpoint endpoint = start();
        String wrong = SCANNER_SECRET + "x";
        Response response = post(endpoint, "wrong-secret", wrong, POSTBACK);
        assertProblem(response, 401, "UNAUTHORIZED");
        assertThat(response.bodyText()).doesNotContain(wrong);
        assertThat(handler.calls()).isZero();
        // The refusal claimed nothing: the same key with the right secret runs.
        assertThat(post(endpoint, "wrong-secret", POSTBACK).status()).isEqualTo(202);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void rotatedSecretsAreBothAccepted() throws Exception {
        Endpoint endpoint = start(
                idempotency().build(),
                SharedSecretCheck.builder()
                        .secrets(SharedSecret.of("old-scanner-secret"), SharedSecret.of(SCANNER_SECRET))
                        .build());
        assertThat(post(endpoint, "k1", "old-scanner-secret", POSTBACK).status())
                .isEqualTo(202);
        assertThat(post(endpoint, "k2", SCANNER_SECRET, POSTBACK).status()).isEqualTo(202);
        assertThat(handler.calls()).isEqualTo(2);
    }

    @Test
    void requestsWithoutAKeyPassThroughUntouched() throws Exception {
        Endpoint endpoint = start();
        Response first = post(endpoint, null, POSTBACK);
        Response second = post(endpoint, null, POSTBACK);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(first.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(second.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(handler.calls()).isEqualTo(2);
        assertThat(handler.seen()).allSatisfy(body -> assertThat(body).isEqualTo(POSTBACK));
    }

    @Test
    void idempotencyWorksWithoutASecretCheck() throws Exception {
        Endpoint endpoint = start(idempotency().build(), null);
        Response first = post(endpoint, "no-check", null, POSTBACK);
        assertThat(post(endpoint, "no-check", null, POSTBACK).body()).isEqualTo(first.body());
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void malformedKeyIsRefusedWith400() throws Exception {
        Endpoint endpoint = start();
        assertProblem(post(endpoint, "k".repeat(256), POSTBACK), 400, "IDEMPOTENCY_KEY_INVALID");
        assertThat(handler.calls()).isZero();
    }

    @Test
    void storeFailureAnswers503WithRetryAfter() throws Exception {
        Endpoint endpoint = start(
                idempotency().store(new DownStore()).build(), SharedSecretCheck.of(SharedSecret.of(SCANNER_SECRET)));
        Response response = post(endpoint, "store-down", POSTBACK);
        assertProblem(response, 503, "IDEMPOTENCY_STORE_UNAVAILABLE");
        assertThat(response.header("Retry-After")).isNotNull();
        assertThat(handler.calls()).isZero();
    }

    /** The claims won and not yet completed or released, across the stores of one test. */
    private static final class OpenClaims {
        private static final Duration PATIENCE = Duration.ofSeconds(60);

        private final Set<String> tokens = new HashSet<>();

        synchronized void opened(String token) {
            tokens.add(token);
        }

        synchronized void closed(String token) {
            tokens.remove(token);
            notifyAll();
        }

        synchronized void awaitNone() throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!tokens.isEmpty()) {
                long left = deadline - System.nanoTime();
                assertThat(left)
                        .as("claims still open after %s: %s", PATIENCE, tokens.size())
                        .isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** An in-memory store that reports which claims are open, so a test can wait for an answer to be recorded. */
    private static final class SettlingStore implements IdempotentResponseStore {
        private final IdempotentResponseStore delegate;
        private final OpenClaims open;

        SettlingStore(IdempotentResponseStore delegate, OpenClaims open) {
            this.delegate = delegate;
            this.open = open;
        }

        @Override
        public KeyClaim claim(String scope, String key, String fingerprint, Instant now, Duration lease) {
            KeyClaim claim = delegate.claim(scope, key, fingerprint, now, lease);
            if (claim.claimed()) {
                open.opened(Objects.requireNonNull(claim.record().token()));
            }
            return claim;
        }

        @Override
        public boolean complete(
                String scope, String key, String token, StoredResponse response, Instant now, Duration ttl) {
            try {
                return delegate.complete(scope, key, token, response, now, ttl);
            } finally {
                open.closed(token);
            }
        }

        @Override
        public boolean release(String scope, String key, String token) {
            try {
                return delegate.release(scope, key, token);
            } finally {
                open.closed(token);
            }
        }

        @Override
        public @Nullable IdempotencyRecord find(String scope, String key, Instant now) {
            return delegate.find(scope, key, now);
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            return delegate.purgeExpired(now, limit);
        }
    }

    /** A store whose database is down. */
    private static final class DownStore implements IdempotentResponseStore {
        @Override
        public KeyClaim claim(String scope, String key, String fingerprint, Instant now, Duration lease) {
            throw new StoreException("database down (test)");
        }

        @Override
        public boolean complete(
                String scope, String key, String token, StoredResponse response, Instant now, Duration ttl) {
            throw new StoreException("database down (test)");
        }

        @Override
        public boolean release(String scope, String key, String token) {
            throw new StoreException("database down (test)");
        }

        @Override
        public IdempotencyRecord find(String scope, String key, Instant now) {
            throw new StoreException("database down (test)");
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            throw new StoreException("database down (test)");
        }
    }

    /** A clock the suite moves by hand. Thread-safe. */
    protected static final class SteppedClock extends java.time.Clock {
        private final java.util.concurrent.atomic.AtomicReference<Instant> now;

        SteppedClock(Instant start) {
            this.now = new java.util.concurrent.atomic.AtomicReference<>(start);
        }

        /** Moves the clock forward by {@code duration}. */
        public void advance(Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }
    }
}
