package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.Deliveries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} and {@code check-target} against real loopback receivers. */
class SendCommandTest {
    private static final Map<String, String> ENV = Cli.secret("whsec_send_test");

    @TempDir
    Path dir;

    private FlakyReceiver flaky;
    private Path payload;

    @BeforeEach
    void start() throws IOException {
        flaky = FlakyReceiver.start();
        payload = Files.write(dir.resolve("payload.json"), Deliveries.examplePayload());
    }

    @AfterEach
    void stop() {
        flaky.close();
    }

    /** {@code send} of the payload to {@code path} on the flaky receiver, allowed as a self-hosted loopback. */
    private Cli.Result sendToLoopback(String path, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "send",
                "--url",
                flaky.url(path).toString(),
                "--payload",
                payload.toString(),
                "--deployment-mode",
                "self-hosted",
                "--allow-private",
                "127.0.0.1/32"));
        args.addAll(List.of(options));
        return Cli.run(ENV, args.toArray(String[]::new));
    }

    @Test
    void retriesAfter429WithRetryAfterAndEndsExported() throws IOException {
        Cli.Result result = sendToLoopback("/flaky", "--initial-backoff", "100ms", "--idempotency-key", "send-test-1");
        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("attempt 1: HTTP 429", "Retry-After 1s", "attempt 2: HTTP 200");
        JsonNode view = WebhookJson.mapper().readTree(result.lastLine());
        assertThat(view.get("status").asText()).isEqualTo("exported");
        assertThat(view.get("retry_count").asInt()).isEqualTo(1);
        assertThat(view.get("idempotency_key").asText()).isEqualTo("send-test-1");
        assertThat(view.get("target_id").asLong()).isEqualTo(123);
        assertThat(flaky.requests()).isEqualTo(2);
    }

    @Test
    void endsFailedAndWritesTheFallbackWhenTheReceiverAlwaysFails() throws IOException {
        Path fallback = dir.resolve("fallback");
        Cli.Result result = sendToLoopback(
                "/down",
                "--max-attempts",
                "2",
                "--initial-backoff",
                "50ms",
                "--fallback-dir",
                fallback.toString(),
                "--idempotency-key",
                "send-test-2");
        assertThat(result.exit()).isEqualTo(1);
        JsonNode view = WebhookJson.mapper().readTree(result.lastLine());
        assertThat(view.get("status").asText()).isEqualTo("failed");
        assertThat(view.get("last_code").asText()).isEqualTo("WEBHOOK_DELIVERY_FAILED");
        assertThat(view.get("last_http_status").asInt()).isEqualTo(503);
        assertThat(fallback.resolve("send-test-2.csv")).isRegularFile();
        assertThat(fallback.resolve("send-test-2.md")).isRegularFile();
        assertThat(Files.readString(fallback.resolve("send-test-2.json"))).contains("Fix checkout validation state");
    }

    @Test
    void blocksALoopbackTargetOutsideSelfHostedModeWithoutSending() throws IOException {
        Cli.Result result =
                Cli.run(ENV, "send", "--url", flaky.url("/flaky").toString(), "--payload", payload.toString());
        assertThat(result.exit()).isEqualTo(1);
        JsonNode view = WebhookJson.mapper().readTree(result.lastLine());
        assertThat(view.get("status").asText()).isEqualTo("blocked");
        assertThat(view.get("last_code").asText()).isEqualTo("generic_webhook_url_unsafe");
        assertThat(flaky.requests()).isZero();
    }

    @Test
    void sendUsageErrorsExitTwo() {
        assertThat(Cli.run(ENV, "send", "--payload", payload.toString()).exit()).isEqualTo(2);
        Cli.Result badDuration = Cli.run(
                ENV, "send", "--url", "https://example.com", "--payload", payload.toString(), "--timeout", "soon");
        assertThat(badDuration.exit()).isEqualTo(2);
        assertThat(badDuration.err()).contains("--timeout must be a duration");
        Cli.Result noFile = Cli.run(ENV, "send", "--url", "https://example.com", "--payload", "/no/such/file");
        assertThat(noFile.exit()).isEqualTo(2);
        Cli.Result noSecret =
                Cli.run(Map.of(), "send", "--url", "https://example.com", "--payload", payload.toString());
        assertThat(noSecret.exit()).isEqualTo(2);
    }

    @Test
    void checkTargetPassesAnAllowlistedLoopbackReceiver() {
        Cli.Result result = Cli.run(
                ENV,
                "check-target",
                "--url",
                flaky.url("/flaky").toString(),
                "--deployment-mode",
                "self-hosted",
                "--allow-private",
                "127.0.0.1/32");
        assertThat(result.exit()).isZero();
        assertThat(result.lastLine()).isEqualTo("ok");
        assertThat(flaky.requests()).isZero();
    }

    @Test
    void checkTargetBlocksUnsafeUrls() {
        Cli.Result loopback = Cli.run(ENV, "check-target", "--url", "http://127.0.0.1:8080/hook");
        assertThat(loopback.exit()).isEqualTo(1);
        assertThat(loopback.lastLine()).isEqualTo("generic_webhook_url_unsafe");

        Cli.Result metadata = Cli.run(ENV, "check-target", "--url", "https://169.254.169.254/latest/meta-data");
        assertThat(metadata.exit()).isEqualTo(1);
        assertThat(metadata.lastLine()).isEqualTo("generic_webhook_url_unsafe");

        Cli.Result credentials = Cli.run(ENV, "check-target", "--url", "https://user:pw@example.com/hook");
        assertThat(credentials.exit()).isEqualTo(1);
        assertThat(credentials.out()).contains("credentials");

        Cli.Result badMode = Cli.run(ENV, "check-target", "--url", "https://example.com", "--deployment-mode", "moon");
        assertThat(badMode.exit()).isEqualTo(2);
    }
}
