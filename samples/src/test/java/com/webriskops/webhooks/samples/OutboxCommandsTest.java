package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.Deliveries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code enqueue}, {@code dispatch} and {@code status} on PostgreSQL: embedded (zonky) always, and the
 * server in {@code WEBHOOKS_TEST_POSTGRES_URL} when set.
 */
class OutboxCommandsTest {
    private static final Map<String, String> ENV = Cli.secret("whsec_outbox_test");

    private static EmbeddedPostgres postgres;
    /** A database of this test class's own on the server in WEBHOOKS_TEST_POSTGRES_URL, or null. */
    private static String ownDatabase;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException, SQLException {
        postgres.close();
        if (ownDatabase != null) {
            try (Connection server = DriverManager.getConnection(System.getenv("WEBHOOKS_TEST_POSTGRES_URL"));
                    Statement drop = server.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + ownDatabase + " WITH (FORCE)");
            }
        }
    }

    /**
     * The embedded server, and the server in {@code WEBHOOKS_TEST_POSTGRES_URL} through a database of
     * this run's own: {@code dispatch} sends every due row of the outbox it is given, so two builds
     * sharing one database would deliver each other's rows.
     */
    static Stream<String> databases() throws SQLException {
        List<String> urls = new ArrayList<>();
        urls.add(postgres.getJdbcUrl("postgres", "postgres"));
        String external = System.getenv("WEBHOOKS_TEST_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            if (ownDatabase == null) {
                String name = "outbox_commands_" + Long.toHexString(System.nanoTime());
                try (Connection server = DriverManager.getConnection(external);
                        Statement create = server.createStatement()) {
                    create.execute("CREATE DATABASE " + name);
                }
                ownDatabase = name;
            }
            urls.add(external.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + ownDatabase));
        }
        return urls.stream();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void enqueueDispatchUntilIdleAndStatus(String store) throws IOException, InterruptedException {
        Path payload = Files.write(dir.resolve("payload.json"), Deliveries.examplePayload());
        String prefix = "outbox-" + System.nanoTime();
        // Retry-After: 5 (not 1) so a loaded machine's slow first dispatch still ends before the retry is due.
        try (FlakyReceiver flaky = FlakyReceiver.start(5)) {
            Cli.Result enqueued = Cli.run(
                    ENV,
                    "enqueue",
                    "--store",
                    store,
                    "--url",
                    flaky.url("/flaky").toString(),
                    "--payload",
                    payload.toString(),
                    "--count",
                    "3",
                    "--deployment-mode",
                    "self-hosted",
                    "--allow-private",
                    "127.0.0.1/32",
                    "--idempotency-key",
                    prefix);
            assertThat(enqueued.exit()).as(enqueued.err()).isZero();
            assertThat(enqueued.lines()).hasSize(3).allMatch(line -> line.contains("\"status\":\"pending\""));

            Cli.Result dispatched = Cli.run(
                    ENV, "dispatch", "--store", store, "--until-idle", "--workers", "2", "--initial-backoff", "100ms");
            assertThat(dispatched.exit()).as(dispatched.err()).isZero();
            // Idle means nothing due: the delivery answered 429 + Retry-After: 5 waits for its seconds.
            assertThat(dispatched.lastLine()).contains("\"exported\":", "\"retry_scheduled\":1");
            awaitRetryDue(store, prefix);
            Cli.Result again = Cli.run(ENV, "dispatch", "--store", store, "--until-idle");
            assertThat(again.exit()).as(again.err()).isZero();

            Cli.Result status = Cli.run(ENV, "status", "--store", store);
            assertThat(status.exit()).isZero();
            List<JsonNode> mine = new ArrayList<>();
            for (String line : status.lines()) {
                JsonNode view = WebhookJson.mapper().readTree(line);
                if (view.get("idempotency_key").asText().startsWith(prefix)) {
                    mine.add(view);
                }
            }
            assertThat(mine).hasSize(3).allMatch(v -> v.get("status").asText().equals("exported"));
            // The flaky receiver answered the very first attempt 429: exactly one delivery retried.
            assertThat(mine.stream().mapToInt(v -> v.get("retry_count").asInt()).sum())
                    .isEqualTo(1);
            assertThat(flaky.requests()).isEqualTo(4);

            long id = mine.get(0).get("id").asLong();
            Cli.Result one = Cli.run(ENV, "status", "--store", store, "--id", Long.toString(id));
            assertThat(one.exit()).isZero();
            assertThat(one.lines()).singleElement().asString().contains("\"id\":" + id);
        }
    }

    /** Waits (on the condition, not a fixed sleep) until this test's scheduled retry is due. */
    private static void awaitRetryDue(String store, String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Instant due = null;
            for (String line : Cli.run(ENV, "status", "--store", store).lines()) {
                JsonNode view = WebhookJson.mapper().readTree(line);
                if (view.get("idempotency_key").asText().startsWith(prefix)
                        && view.get("status").asText().equals("retry_scheduled")) {
                    due = Instant.parse(view.get("next_attempt_at").asText());
                }
            }
            if (due == null || !Instant.now().isBefore(due)) {
                return;
            }
            assertThat(System.nanoTime()).as("the retry never came due").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    @Test
    void failuresAndUsage() {
        String store = postgres.getJdbcUrl("postgres", "postgres");
        Cli.Result missing = Cli.run(ENV, "status", "--store", store, "--id", "999999999");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(Cli.run(ENV, "status", "--store", store, "--id", "abc").exit())
                .isEqualTo(2);
        assertThat(Cli.run(ENV, "status", "--store", "postgres://nope").exit()).isEqualTo(2);
        assertThat(Cli.run(Map.of(), "dispatch", "--store", store, "--until-idle")
                        .exit())
                .isEqualTo(2);
        Cli.Result down = Cli.run(ENV, "status", "--store", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        assertThat(down.exit()).isEqualTo(1);
        assertThat(down.err()).contains("cannot connect");
    }
}
