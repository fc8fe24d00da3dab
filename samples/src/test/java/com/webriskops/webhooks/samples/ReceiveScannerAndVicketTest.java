package com.webriskops.webhooks.samples;

import static com.webriskops.webhooks.samples.HttpPost.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.samples.HttpPost.Answer;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code receive}'s scanner postback ({@code POST /api/scanner/results}) and Vicket webhook ({@code
 * POST /webhooks/vicket}) with each adapter and store, through {@link Main#run}, over real HTTP.
 */
class ReceiveScannerAndVicketTest {
    private static final String SCANNER_SECRET = "scanner-secret-for-tests";
    private static final String VICKET_SECRET_TEXT = "vicket-secret-for-tests";
    private static final WebhookSecret VICKET_SECRET = WebhookSecret.of(VICKET_SECRET_TEXT);
    private static final String STANDARD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    // K1 of core's standard-webhooks-signatures.json (made by Node's crypto from a fixed seed).
    private static final String STANDARD_SIGNING_KEY = "whsk_2JeG76XcD6aeIoBUE8Hqp0kTOR2HEogRnu7feDX8Nac=";
    private static final String STANDARD_PUBLIC_KEY = "whpk_L9KPQ8b6uuDKEaM+E/HLxp2kqdCVwD3r547194+Ye0I=";
    private static final String POSTBACK = "{\"scanRunId\":123,\"status\":\"completed\",\"page\":"
            + "{\"url\":\"https://example.test\",\"statusCode\":200},\"issues\":[]}";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"jaxrs,memory", "servlet,memory", "jaxrs,h2", "servlet,h2"})
    void servesTheScannerPostbackWithSharedSecretAndIdempotencyKey(String adapter, String store) throws Exception {
        try (Receive receive = receive(adapter, storeArg(store), allSecrets())) {
            URI scanner = receive.root().resolve("/api/scanner/results");
            assertThat(receive.errLine()).contains("also serving POST " + scanner);

            Answer first = post(scanner, scannerHeaders(SCANNER_SECRET, "scan-run-123-attempt-1"), POSTBACK);
            assertThat(first.status()).isEqualTo(202);
            JsonNode accepted = WebhookJson.mapper().readTree(first.body());
            String id = accepted.get("id").asText();
            assertThat(id).startsWith("scanres_");
            assertThat(accepted.get("scanRunId").asLong()).isEqualTo(123);
            JsonNode line = WebhookJson.mapper().readTree(receive.outLine());
            assertThat(line.get("scanner_result_id").asText()).isEqualTo(id);
            assertThat(line.get("scan_run_id").asLong()).isEqualTo(123);

            Answer retry = post(scanner, scannerHeaders(SCANNER_SECRET, "scan-run-123-attempt-1"), POSTBACK);
            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.body()).as("the stored answer, same id").isEqualTo(first.body());
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");

            Answer changed = post(
                    scanner,
                    scannerHeaders(SCANNER_SECRET, "scan-run-123-attempt-1"),
                    POSTBACK.replace("completed", "failed"));
            assertThat(changed.status()).isEqualTo(422);
            assertThat(code(changed)).isEqualTo("IDEMPOTENCY_KEY_REUSED");

            Answer missing = post(scanner, scannerHeaders(null, "scan-run-124"), POSTBACK);
            assertThat(missing.status()).isEqualTo(401);
            assertThat(code(missing)).isEqualTo("UNAUTHORIZED");
            Answer wrong = post(scanner, scannerHeaders("not-the-secret", "scan-run-124"), POSTBACK);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(code(wrong)).isEqualTo("UNAUTHORIZED");
            assertThat(new String(wrong.body(), StandardCharsets.UTF_8)).doesNotContain(SCANNER_SECRET);

            Answer afterRefusals = post(scanner, scannerHeaders(SCANNER_SECRET, "scan-run-124"), POSTBACK);
            assertThat(afterRefusals.status())
                    .as("a refused request claimed no key")
                    .isEqualTo(202);
            assertThat(WebhookJson.mapper()
                            .readTree(afterRefusals.body())
                            .get("id")
                            .asText())
                    .isNotEqualTo(id);
            assertThat(receive.outLine()).contains("scanner_result_id");

            Answer invalid = post(scanner, scannerHeaders(SCANNER_SECRET, "scan-run-125"), "{\"status\":1}");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(code(invalid)).isEqualTo("VALIDATION_FAILED");
            assertThat(receive.outLines()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"jaxrs,memory", "servlet,memory", "jaxrs,h2", "servlet,h2"})
    void servesVicketWebhooks(String adapter, String store) throws Exception {
        try (Receive receive = receive(adapter, storeArg(store), allSecrets())) {
            URI vicket = receive.root().resolve("/webhooks/vicket");
            receive.errLine(); // the scanner line
            assertThat(receive.errLine()).contains("also serving POST " + vicket);

            String id = "evt-" + adapter + "-" + store;
            Instant now = Instant.now();
            SignedDelivery signed = Deliveries.vicket()
                    .signedWith(VICKET_SECRET)
                    .timestamp(now)
                    .id(id)
                    .editJson(json -> json.put("occurred_at", now.toString()))
                    .build();
            assertThat(post(vicket, signed.headers(), signed.body()).status()).isEqualTo(204);
            JsonNode line = WebhookJson.mapper().readTree(receive.outLine());
            assertThat(line.get("vicket_id").asText()).isEqualTo(id);
            assertThat(line.get("event").asText()).isEqualTo(Deliveries.VICKET_EVENT);

            SignedDelivery tampered = Deliveries.vicket()
                    .signedWith(VICKET_SECRET)
                    .timestamp(Instant.now())
                    .bodyAfterSigning(new String(signed.body(), StandardCharsets.UTF_8)
                            .replace("resolved", "reopened")
                            .getBytes(StandardCharsets.UTF_8))
                    .build();
            Answer refused = post(vicket, tampered.headers(), tampered.body());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(code(refused)).isEqualTo("WEBHOOK_SIGNATURE_INVALID");

            SignedDelivery otherSecret = Deliveries.vicket()
                    .signedWith(Deliveries.SECRET)
                    .timestamp(Instant.now())
                    .build();
            assertThat(post(vicket, otherSecret.headers(), otherSecret.body()).status())
                    .as("signed with the WebRiskOps secret")
                    .isEqualTo(401);

            SignedDelivery webRiskOps =
                    Deliveries.webRiskOps().timestamp(Instant.now()).build();
            assertThat(post(vicket, webRiskOps.headers(), webRiskOps.body()).status())
                    .as("a WebRiskOps delivery sent to the Vicket endpoint")
                    .isEqualTo(401);
            assertThat(post(receive.root().resolve("/webhooks/webriskops"), webRiskOps.headers(), webRiskOps.body())
                            .status())
                    .as("the WebRiskOps endpoint still has its own receiver")
                    .isEqualTo(204);
            assertThat(WebhookJson.mapper().readTree(receive.outLine()).has("idempotency_key"))
                    .isTrue();
            assertThat(receive.outLines()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jaxrs", "servlet"})
    void withoutTheirSecretsTheNewEndpointsAreNotServedAndStderrSaysSo(String adapter) throws Exception {
        try (Receive receive = receive(adapter, "memory", Map.of(Console.SECRET_ENV, Deliveries.SECRET_TEXT))) {
            assertThat(receive.errLine())
                    .isEqualTo("receive: not serving POST /api/scanner/results: WRO_SCANNER_SHARED_SECRET is not set");
            assertThat(receive.errLine())
                    .isEqualTo("receive: not serving POST /webhooks/vicket: VICKET_WEBHOOK_SECRET is not set");
            assertThat(receive.errLine())
                    .isEqualTo("receive: not serving POST /webhooks/standard: neither STANDARD_WEBHOOKS_SECRET nor"
                            + " STANDARD_WEBHOOKS_PUBLIC_KEY is set");
            Answer scanner = post(
                    receive.root().resolve("/api/scanner/results"), scannerHeaders(SCANNER_SECRET, "k-1"), POSTBACK);
            assertThat(scanner.status()).as("not served (Jetty answers 405)").isIn(404, 405);
            SignedDelivery vicket = Deliveries.vicket()
                    .signedWith(VICKET_SECRET)
                    .timestamp(Instant.now())
                    .build();
            assertThat(post(receive.root().resolve("/webhooks/vicket"), vicket.headers(), vicket.body())
                            .status())
                    .as("not served")
                    .isIn(404, 405);
            SignedDelivery delivery =
                    Deliveries.webRiskOps().timestamp(Instant.now()).build();
            assertThat(post(receive.root().resolve("/webhooks/webriskops"), delivery.headers(), delivery.body())
                            .status())
                    .isEqualTo(204);
        }
    }

    @ParameterizedTest
    @CsvSource({"jaxrs,memory", "servlet,memory", "jaxrs,h2", "servlet,h2"})
    void servesStandardWebhooks(String adapter, String store) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(allSecrets());
        env.put(ReceiveCommand.STANDARD_SECRET_ENV, STANDARD_SECRET);
        env.put(ReceiveCommand.STANDARD_PUBLIC_KEY_ENV, STANDARD_PUBLIC_KEY);
        try (Receive receive = receive(adapter, storeArg(store), env)) {
            URI standard = receive.root().resolve("/webhooks/standard");
            receive.errLine(); // the scanner line
            receive.errLine(); // the Vicket line
            assertThat(receive.errLine()).contains("also serving POST " + standard);
            String id = "msg_" + adapter + "_" + store;
            byte[] body = "{\"type\":\"invoice.paid\",\"data\":{\"amount\":4200}}".getBytes(StandardCharsets.UTF_8);
            StandardWebhooksScheme<byte[]> v1 =
                    StandardWebhooksScheme.builder().secret(STANDARD_SECRET).build();
            StandardWebhooksScheme<byte[]> v1a = StandardWebhooksScheme.builder()
                    .signingKey(STANDARD_SIGNING_KEY)
                    .build();
            Instant now = Instant.now();

            assertThat(post(standard, v1.sign(id, now, body), body).status()).isEqualTo(204);
            JsonNode line = WebhookJson.mapper().readTree(receive.outLine());
            assertThat(line.get("standard_id").asText()).isEqualTo(id);
            assertThat(line.get("type").asText()).isEqualTo("invoice.paid");

            Answer retry = post(standard, v1a.sign(id, now.plusSeconds(1), body), body);
            assertThat(retry.status()).as("the provider's retry, signed v1a").isEqualTo(200);
            assertThat(new String(retry.body(), StandardCharsets.UTF_8)).contains("duplicate");

            Answer tampered = post(
                    standard,
                    v1.sign("msg_tampered", now, body),
                    "{\"type\":\"invoice.void\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(tampered.status()).isEqualTo(401);
            assertThat(code(tampered)).isEqualTo("WEBHOOK_SIGNATURE_INVALID");

            byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
            Answer malformed = post(standard, v1.sign("msg_not_json", now, notJson), notJson);
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(receive.outLines()).isEmpty();
        }
    }

    private String storeArg(String store) {
        return store.equals("h2") ? "jdbc:h2:file:" + dir.resolve("store") : "memory";
    }

    private static Map<String, String> allSecrets() {
        return Map.of(
                Console.SECRET_ENV, Deliveries.SECRET_TEXT,
                ReceiveCommand.SCANNER_SECRET_ENV, SCANNER_SECRET,
                ReceiveCommand.VICKET_SECRET_ENV, VICKET_SECRET_TEXT);
    }

    private static Map<String, List<String>> scannerHeaders(String secret, String key) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Accept", List.of("application/json"));
        headers.put("Idempotency-Key", List.of(key));
        if (secret != null) {
            headers.put("X-Scanner-Secret", List.of(secret));
        }
        return headers;
    }

    private static String code(Answer answer) throws IOException {
        return WebhookJson.mapper().readTree(answer.body()).get("code").asText();
    }

    /** {@code receive} on a free port with {@code adapter} and {@code store}, once it is listening. */
    private static Receive receive(String adapter, String store, Map<String, String> env) throws InterruptedException {
        RunningCommand command =
                RunningCommand.start(env, "receive", "--port", "0", "--adapter", adapter, "--store", store);
        return new Receive(command, command.listening().resolve("/"));
    }

    /** A running {@code receive} and the root of its address. */
    private record Receive(RunningCommand command, URI root) implements AutoCloseable {
        String errLine() throws InterruptedException {
            return command.errLine();
        }

        String outLine() throws InterruptedException {
            return command.outLine();
        }

        List<String> outLines() {
            return command.outLines();
        }

        @Override
        public void close() {
            command.close();
        }
    }
}
