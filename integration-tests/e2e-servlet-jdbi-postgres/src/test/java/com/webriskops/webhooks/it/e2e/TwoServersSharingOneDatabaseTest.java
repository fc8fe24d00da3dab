package com.webriskops.webhooks.it.e2e;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.servlet.WebRiskOpsWebhookFilter;
import com.webriskops.webhooks.servlet.testing.JettyEe10Container;
import com.webriskops.webhooks.servlet.testing.ServletContainerUnderTest;
import com.webriskops.webhooks.servlet.testing.WebhookTestApp;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.HttpEndpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.testing.RecordingHandler;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two receiver instances, each a Jetty server with the servlet filter and its own JDBI stores on its own
 * connection pool, sharing one PostgreSQL database (migrated once, under a table prefix of this class's
 * own). A sender's retries of one export reach both at once over real HTTP; the handler must run
 * exactly once across both, and a nonce used on one must be refused on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoServersSharingOneDatabaseTest {
    private static final int ROUNDS = 20;
    /** Fewer: each of these rounds lasts at least twice the handler's time. */
    private static final int STAGGERED_ROUNDS = 10;

    private static final int REQUESTS_PER_SERVER = 4;
    private static final int REQUESTS_PER_ROUND = 2 * REQUESTS_PER_SERVER;
    private static final long HANDLER_MILLIS = 100;
    /**
     * How long a test waits for something that must happen: a bound only a fault reaches, never a
     * loaded machine (a cold JVM's first requests through two servers and a database take seconds).
     */
    private static final long PATIENCE_SECONDS = 120;

    /** Connections per pool: each server instance has its own pool, as two app instances would. */
    private static final int POOL_SIZE = 10;

    private final String prefix = DatabaseServers.uniquePrefix("e2e");
    private final ExecutorService senders = Executors.newFixedThreadPool(REQUESTS_PER_ROUND);
    private final Random random = new Random(20_260_101L);
    private JdbcConnectionPool migrations;
    private Instance first;
    private Instance second;

    /** Starts or finds the database both servers share and returns its JDBC URL; called once. */
    abstract String databaseUrl();

    /** Frees what {@link #databaseUrl()} started. */
    void stopDatabase() throws IOException {}

    @BeforeAll
    void startServers() throws Exception {
        String url = databaseUrl();
        migrations = DatabaseServers.postgresPool(url, POOL_SIZE);
        JdbiStores.migrate(migrations, prefix);
        first = Instance.start(url, prefix);
        second = Instance.start(url, prefix);
    }

    @AfterAll
    void stopServers() throws IOException {
        senders.shutdownNow();
        for (Instance instance : new Instance[] {first, second}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (migrations != null) {
            DatabaseServers.dropTables(migrations, prefix);
            migrations.dispose();
        }
        stopDatabase();
    }

    @Test
    void retriesSentToBothServersWhileTheHandlerRunsAreAllToldInProgress() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "export-held-" + round + "-" + prefix;
            List<Answer> answers = race(key, round, true);

            assertThat(answers)
                    .as("round %d: %s", round, answers)
                    .filteredOn(answer -> answer.kind() == Kind.HANDLED)
                    .hasSize(1);
            assertThat(answers)
                    .as("round %d: every other retry, on either server, meets the claim", round)
                    .filteredOn(answer -> answer.kind() == Kind.IN_PROGRESS)
                    .hasSize(REQUESTS_PER_ROUND - 1);
            assertHandledOnceAndDuplicateAfterwards(key, round);
        }
    }

    @Test
    void retriesSentToBothServersAroundTheHandlersCompletionReachItOnce() throws Exception {
        List<Kind> seen = new ArrayList<>();
        for (int round = 0; round < STAGGERED_ROUNDS; round++) {
            String key = "export-staggered-" + round + "-" + prefix;
            List<Answer> answers = race(key, round, false);
            answers.forEach(answer -> seen.add(answer.kind()));

            assertThat(answers)
                    .as("round %d: %s", round, answers)
                    .allSatisfy(answer -> assertThat(answer.kind()).isNotEqualTo(Kind.OTHER))
                    .filteredOn(answer -> answer.kind() == Kind.HANDLED)
                    .hasSize(1);
            assertHandledOnceAndDuplicateAfterwards(key, round);
        }
        assertThat(seen)
                .as("the retries met both the running handler and the completed key")
                .contains(Kind.IN_PROGRESS, Kind.DUPLICATE);
    }

    @Test
    void nonceAcceptedByOneServerIsRefusedByTheOther() throws Exception {
        SignedDelivery request = webRiskOps().timestamp(now()).build();

        Response accepted = first.endpoint().post(request.headers(), request.body());
        Response replayed = second.endpoint().post(request.headers(), request.body());

        assertThat(Answer.of(0, accepted).kind()).isEqualTo(Kind.HANDLED);
        assertProblem(replayed, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(callsFor(request.idempotencyKey())).isEqualTo(1);
    }

    @Test
    void oneSignedRequestSentToBothServersAtOnceIsAcceptedOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            SignedDelivery request = webRiskOps().timestamp(now()).build();
            CyclicBarrier start = new CyclicBarrier(2);
            Future<Response> toFirst = senders.submit(() -> {
                start.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                return first.endpoint().post(request.headers(), request.body());
            });
            Future<Response> toSecond = senders.submit(() -> {
                start.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                return second.endpoint().post(request.headers(), request.body());
            });
            List<Response> responses = List.of(
                    toFirst.get(PATIENCE_SECONDS, TimeUnit.SECONDS), toSecond.get(PATIENCE_SECONDS, TimeUnit.SECONDS));

            assertThat(responses)
                    .as("round %d", round)
                    .extracting(Response::status)
                    .containsExactlyInAnyOrder(200, 401);
            for (Response response : responses) {
                if (response.status() == 401) {
                    assertProblem(response, 401, "WEBHOOK_SIGNATURE_INVALID");
                }
            }
            assertThat(callsFor(request.idempotencyKey())).as("round %d", round).isEqualTo(1);
        }
    }

    /**
     * Sends {@value #REQUESTS_PER_SERVER} retries of the export {@code key} to each server at once, each
     * with its own nonce and attempt. The handler that gets it waits: until every other retry has been
     * answered ({@code holdUntilOthersAnswered}), or {@value #HANDLER_MILLIS} ms while the retries go
     * out spread over twice that time, so some arrive after it completed.
     */
    private List<Answer> race(String key, int round, boolean holdUntilOthersAnswered) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch othersAnswered = new CountDownLatch(REQUESTS_PER_ROUND - 1);
        // Both are armed; only the handler that runs takes its latches (the other's are released below).
        first.handler().blockNext(entered, release);
        second.handler().blockNext(entered, release);
        CyclicBarrier start = new CyclicBarrier(REQUESTS_PER_ROUND);
        List<Future<Answer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
                // Alternate which server a sender targets and which goes first, so neither is favoured.
                Instance target = (i + round) % 2 == 0 ? first : second;
                int attempt = i + 1;
                long delayMillis = holdUntilOthersAnswered ? 0 : random.nextInt((int) (2 * HANDLER_MILLIS));
                SignedDelivery request = webRiskOps()
                        .idempotencyKey(key)
                        .attempt(attempt)
                        .timestamp(now())
                        .build();
                futures.add(senders.submit(() -> {
                    start.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    Thread.sleep(delayMillis);
                    try {
                        return Answer.of(
                                target == first ? 1 : 2, target.endpoint().post(request.headers(), request.body()));
                    } finally {
                        othersAnswered.countDown();
                    }
                }));
            }
            assertThat(entered.await(PATIENCE_SECONDS, TimeUnit.SECONDS))
                    .as("round %d: the handler was reached", round)
                    .isTrue();
            if (holdUntilOthersAnswered) {
                // All but the handled one answer while it holds the claim; if a second request reached a
                // handler too it would wait here, and the count below would show it.
                othersAnswered.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
            } else {
                Thread.sleep(HANDLER_MILLIS);
            }
        } finally {
            release.countDown();
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
        return answers;
    }

    private void assertHandledOnceAndDuplicateAfterwards(String key, int round) throws Exception {
        assertThat(callsFor(key))
                .as("round %d: handler calls for %s on both servers", round, key)
                .isEqualTo(1);
        Instance either = round % 2 == 0 ? second : first;
        SignedDelivery later = webRiskOps()
                .idempotencyKey(key)
                .attempt(REQUESTS_PER_ROUND + 1)
                .timestamp(now())
                .build();
        Response retry = either.endpoint().post(later.headers(), later.body());
        assertThat(Answer.of(0, retry).kind())
                .as("round %d: a later retry: %s", round, retry.bodyText())
                .isEqualTo(Kind.DUPLICATE);
        assertThat(callsFor(key)).as("round %d", round).isEqualTo(1);
    }

    private long callsFor(String key) {
        return first.handler().seen().stream()
                        .filter(seen -> seen.idempotencyKey().equals(key))
                        .count()
                + second.handler().seen().stream()
                        .filter(seen -> seen.idempotencyKey().equals(key))
                        .count();
    }

    private static Instant now() {
        return Instant.now();
    }

    private static void assertProblem(Response response, int status, String code) throws IOException {
        assertThat(response.status()).as("status of %s", response.bodyText()).isEqualTo(status);
        assertThat(response.header(WebhookHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
        assertThat(WebhookJson.mapper().readTree(response.body()).path("code").asText())
                .isEqualTo(code);
    }

    enum Kind {
        /** 200 from the application's servlet: the handler ran. */
        HANDLED,
        /** 200 {@code {"status":"duplicate"}} from the filter. */
        DUPLICATE,
        /** 429 {@code WEBHOOK_DELIVERY_IN_PROGRESS} with a positive {@code Retry-After}. */
        IN_PROGRESS,
        /** Anything else: never expected. */
        OTHER
    }

    /** One answer, classified, with the server (1 or 2) that gave it. */
    record Answer(int server, Kind kind, int status, String body) {
        static Answer of(int server, Response response) throws IOException {
            return new Answer(server, classify(response), response.status(), response.bodyText());
        }

        private static Kind classify(Response response) throws IOException {
            String contentType = String.valueOf(response.header(WebhookHeaders.CONTENT_TYPE));
            if (response.status() == 200) {
                if (response.body().length == 0) {
                    return Kind.HANDLED;
                }
                JsonNode json = WebhookJson.mapper().readTree(response.body());
                return "duplicate".equals(json.path("status").asText()) ? Kind.DUPLICATE : Kind.OTHER;
            }
            if (response.status() == 429 && contentType.startsWith("application/problem+json")) {
                JsonNode problem = WebhookJson.mapper().readTree(response.body());
                String retryAfter = response.header(WebhookHeaders.RETRY_AFTER);
                boolean retryLater = retryAfter != null && retryAfter.matches("[1-9][0-9]*");
                return "WEBHOOK_DELIVERY_IN_PROGRESS"
                                        .equals(problem.path("code").asText())
                                && retryLater
                        ? Kind.IN_PROGRESS
                        : Kind.OTHER;
            }
            return Kind.OTHER;
        }

        @Override
        public String toString() {
            return "server " + server + ": " + status + " " + kind + (kind == Kind.OTHER ? " " + body : "");
        }
    }

    /** One app instance: its own pool, stores, receiver, handler and Jetty server. */
    private record Instance(HttpEndpoint endpoint, RecordingHandler handler, JdbcConnectionPool pool) {
        static Instance start(String url, String prefix) throws Exception {
            JdbcConnectionPool pool = DatabaseServers.postgresPool(url, POOL_SIZE);
            JdbiStores stores = JdbiStores.builder(pool).tablePrefix(prefix).build();
            WebhookReceiver<?> receiver = WebhookReceiver.builder()
                    .secrets(Deliveries.SECRET)
                    .clock(Clock.systemUTC())
                    .replayStore(stores.replayStore())
                    .idempotencyStore(stores.idempotencyStore())
                    .build();
            RecordingHandler handler = new RecordingHandler();
            ServletContainerUnderTest.Running server =
                    new JettyEe10Container().start(new WebhookTestApp(new WebRiskOpsWebhookFilter(receiver), handler));
            return new Instance(
                    new HttpEndpoint(server.baseUri().resolve(WebhookTestApp.RECEIVE), server), handler, pool);
        }

        void close() {
            try {
                endpoint.close();
            } finally {
                pool.dispose();
            }
        }
    }
}
