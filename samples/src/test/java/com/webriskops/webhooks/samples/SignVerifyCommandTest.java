package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.TestVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code sign} and {@code verify} against the shared signature vectors (core's test-vectors). */
class SignVerifyCommandTest {
    @TempDir
    Path dir;

    static List<JsonNode> vectors() {
        List<JsonNode> cases = TestVectors.cases("signatures.json");
        return cases;
    }

    @TestFactory
    List<DynamicTest> signPrintsTheExpectedSignatureOfEveryVector() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                Path body = Files.write(dir.resolve(vector.get("name").asText() + ".body"), body(vector));
                Cli.Result result = Cli.run(
                        Cli.secret(vector.get("secret").asText()),
                        "sign",
                        "--timestamp",
                        vector.get("timestamp").asText(),
                        "--nonce",
                        vector.get("nonce").asText(),
                        "--body",
                        body.toString());
                assertThat(result.exit()).as(result.err()).isZero();
                assertThat(result.lastLine())
                        .isEqualTo(vector.get("expected_signature")
                                .asText()
                                .split(",")[0]
                                .strip());
            }));
        }
        return tests;
    }

    @Test
    void signReadsTheBodyFromStandardInput() throws IOException {
        JsonNode vector = vectors().get(0);
        Cli.Result result = Cli.run(
                Cli.secret(vector.get("secret").asText()),
                body(vector),
                "sign",
                "--timestamp",
                vector.get("timestamp").asText(),
                "--nonce",
                vector.get("nonce").asText());
        assertThat(result.exit()).isZero();
        assertThat(result.lastLine()).isEqualTo(vector.get("expected_signature").asText());
    }

    @TestFactory
    List<DynamicTest> verifyJudgesTheSignatureOfEveryVector() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                String name = vector.get("name").asText();
                Path body = Files.write(dir.resolve(name + ".body"), body(vector));
                Path headers = Files.writeString(
                        dir.resolve(name + ".headers"),
                        "Content-Type: application/json\n"
                                + "X-WebRiskOps-Event: ticket_export.requested\n"
                                + "X-WebRiskOps-Schema: ticket-export.webhook.v1\n"
                                + "X-WebRiskOps-Idempotency-Key: generic-webhook-fingerprint-123\n"
                                + "X-WebRiskOps-Timestamp: "
                                + vector.get("timestamp").asText() + "\n"
                                + "X-WebRiskOps-Nonce: " + vector.get("nonce").asText() + "\n"
                                + "X-WebRiskOps-Signature: "
                                + vector.get("signature_header").asText() + "\n");
                List<String> secrets = new ArrayList<>();
                vector.get("verify_with_secrets").forEach(s -> secrets.add(s.asText()));
                Map<String, String> env = new HashMap<>(Cli.secret(secrets.get(0)));
                if (secrets.size() > 1) {
                    env.put(Console.SECRET_ENV + Console.PREVIOUS, secrets.get(1));
                }
                Cli.Result result =
                        verifyFiles(env, headers, body, vector.get("timestamp").asText(), "--test-secret");
                JsonNode last = WebhookJson.mapper().readTree(result.lastLine());
                if (vector.get("valid").asBoolean()) {
                    // The signature holds; only the example payload is also a valid delivery.
                    assertThat(last.path("code").asText()).isNotEqualTo("WEBHOOK_SIGNATURE_INVALID");
                    boolean payload = name.equals("seed-example-payload");
                    assertThat(last.get("ok").asBoolean()).isEqualTo(payload);
                    assertThat(result.exit()).isEqualTo(payload ? 0 : 1);
                } else {
                    assertThat(last.get("ok").asBoolean()).isFalse();
                    assertThat(last.get("status").asInt()).isEqualTo(401);
                    assertThat(last.get("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
                    assertThat(result.exit()).isEqualTo(1);
                }
            }));
        }
        return tests;
    }

    @Test
    void verifyRefusesAStaleTimestamp() throws IOException {
        JsonNode vector = vectors().get(0);
        Path body = Files.write(dir.resolve("b"), body(vector));
        Path headers = Files.writeString(
                dir.resolve("h"),
                "Content-Type: application/json\nX-WebRiskOps-Timestamp: "
                        + vector.get("timestamp").asText()
                        + "\nX-WebRiskOps-Nonce: " + vector.get("nonce").asText() + "\nX-WebRiskOps-Signature: "
                        + vector.get("signature_header").asText() + "\n");
        Cli.Result result = verifyFiles(
                Cli.secret(vector.get("secret").asText()),
                headers,
                body,
                Long.toString(vector.get("timestamp").asLong() + 3600),
                "--test-secret");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lastLine()).contains("\"ok\":false", "\"status\":401", "WEBHOOK_SIGNATURE_INVALID");
    }

    @Test
    void secretsAreUsedByteForByteAndRotationHasItsOwnVariable() throws IOException {
        String secret = "whsec_long_enough_secret,x ";
        Path body = Files.write(dir.resolve("rotation.body"), Deliveries.examplePayload());
        String timestamp = "1766203200";

        // Signed with the whole value, comma and trailing space included: the signature holds.
        assertSignatureHolds(
                verify(Map.of(Console.SECRET_ENV, secret), sign(secret, timestamp, body), timestamp, body));
        // Signed with a part the old parser made a key of: refused.
        for (String part : List.of("x", "whsec_long_enough_secret", "whsec_long_enough_secret,x")) {
            Cli.Result forged =
                    verify(Map.of(Console.SECRET_ENV, secret), sign(part, timestamp, body), timestamp, body);
            assertThat(forged.exit()).as(part).isEqualTo(1);
            assertThat(forged.lastLine()).as(part).contains("WEBHOOK_SIGNATURE_INVALID");
        }
        // The previous secret, in its own variable, verifies during a rotation.
        String previous = "whsec_the_previous_secret";
        Map<String, String> rotating = Map.of(Console.SECRET_ENV, secret, Console.SECRET_ENV + "_PREVIOUS", previous);
        assertSignatureHolds(verify(rotating, sign(previous, timestamp, body), timestamp, body));
    }

    /** The signature was accepted: whatever the later checks of the payload say, it was not refused as forged. */
    private static void assertSignatureHolds(Cli.Result result) {
        assertThat(result.exit()).as(result.err()).isNotEqualTo(2);
        assertThat(result.lastLine()).startsWith("{").doesNotContain("WEBHOOK_SIGNATURE_INVALID");
    }

    @Test
    void aShortSecretIsRefusedForVerifyingUnlessMarkedAsATestKeyAndSigningWarns() throws IOException {
        Path body = Files.write(dir.resolve("short.body"), Deliveries.examplePayload());
        String timestamp = "1766203200";
        String shortSecret = "fifteen-bytes!!";

        Cli.Result signed = Cli.run(
                Cli.secret(shortSecret), "sign", "--timestamp", timestamp, "--nonce", "n-1", "--body", body.toString());
        assertThat(signed.exit()).isZero();
        assertThat(signed.err()).contains("shorter than 16 bytes").doesNotContain(shortSecret);

        Cli.Result refused = verify(Cli.secret(shortSecret), signed.lastLine(), timestamp, body);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("shorter than 16 bytes").doesNotContain(shortSecret);

        assertSignatureHolds(verify(Cli.secret(shortSecret), signed.lastLine(), timestamp, body, "--test-secret"));

        Cli.Result sixteen = Cli.run(
                Cli.secret("sixteen-bytes!!!"),
                "sign",
                "--timestamp",
                timestamp,
                "--nonce",
                "n-1",
                "--body",
                body.toString());
        assertThat(sixteen.err()).isEmpty();
    }

    private String sign(String secret, String timestamp, Path body) {
        Cli.Result result = Cli.run(
                Cli.secret(secret), "sign", "--timestamp", timestamp, "--nonce", "n-1", "--body", body.toString());
        assertThat(result.exit()).as(result.err()).isZero();
        return result.lastLine();
    }

    private Cli.Result verify(Map<String, String> env, String signature, String timestamp, Path body, String... more)
            throws IOException {
        Path headers = Files.writeString(
                dir.resolve("verify.headers"),
                "Content-Type: application/json\n"
                        + "X-WebRiskOps-Event: ticket_export.requested\n"
                        + "X-WebRiskOps-Schema: ticket-export.webhook.v1\n"
                        + "X-WebRiskOps-Idempotency-Key: generic-webhook-fingerprint-123\n"
                        + "X-WebRiskOps-Timestamp: " + timestamp + "\n"
                        + "X-WebRiskOps-Nonce: n-1\n"
                        + "X-WebRiskOps-Signature: " + signature + "\n");
        return verifyFiles(env, headers, body, timestamp, more);
    }

    /** {@code verify} of the {@code headers} and {@code body} files at {@code now}, with {@code more} options. */
    private static Cli.Result verifyFiles(
            Map<String, String> env, Path headers, Path body, String now, String... more) {
        List<String> args = new ArrayList<>(
                List.of("verify", "--headers", headers.toString(), "--body", body.toString(), "--now", now));
        args.addAll(List.of(more));
        return Cli.run(env, args.toArray(String[]::new));
    }

    @Test
    void wrongUsageExitsTwoWithOneLine() {
        Cli.Result noSecret = Cli.run(Map.of(), "sign", "--timestamp", "1766203200", "--nonce", "n-1");
        assertThat(noSecret.exit()).isEqualTo(2);
        assertThat(noSecret.err().lines()).singleElement().asString().contains("WEBRISKOPS_WEBHOOK_SECRET");

        Cli.Result missing = Cli.run(Cli.secret("s"), "verify", "--body", "x");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString().contains("--headers is required");

        Cli.Result unknown = Cli.run(Cli.secret("s"), "sign", "--secret", "s");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --secret");

        assertThat(Cli.run(Map.of(), "frobnicate").exit()).isEqualTo(2);
        assertThat(Cli.run(Map.of()).exit()).isEqualTo(2);
    }

    @Test
    void everyCommandDocumentsItselfWithHelp() {
        for (String command :
                List.of("demo", "receive", "send", "enqueue", "dispatch", "status", "sign", "verify", "check-target")) {
            Cli.Result help = Cli.run(Map.of(), command, "--help");
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out())
                    .as(command)
                    .startsWith("Usage: java -jar webriskops-webhooks-samples.jar " + command);
        }
        assertThat(Cli.run(Map.of(), "--help").out()).contains("check-target", "WEBRISKOPS_WEBHOOK_SECRET");
    }

    private static byte[] body(JsonNode vector) {
        return Base64.getDecoder().decode(vector.get("body_base64").asText());
    }
}
