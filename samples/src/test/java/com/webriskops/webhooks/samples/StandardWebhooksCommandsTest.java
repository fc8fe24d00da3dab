package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.testing.TestVectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sign --scheme standard-webhooks} and {@code verify --scheme standard-webhooks} through {@link
 * Main#run}, against core's Standard Webhooks vectors (made by the official libraries and Node).
 */
class StandardWebhooksCommandsTest {
    private static final String OFFICIAL_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @TempDir
    Path dir;

    static List<JsonNode> vectors() {
        List<JsonNode> cases = TestVectors.cases("standard-webhooks-signatures.json");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        return cases;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        assertThat(values).as("a variable and its _PREVIOUS hold two at most").hasSizeLessThanOrEqualTo(2);
        return values;
    }

    /** The secrets in the variable and, during a rotation, its {@code _PREVIOUS}; each byte for byte. */
    private static Map<String, String> env(JsonNode secrets, String keysVariable, JsonNode keys) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, ReceiveCommand.STANDARD_SECRET_ENV, values(secrets));
        put(env, keysVariable, values(keys));
        return env;
    }

    private static void put(Map<String, String> env, String variable, List<String> values) {
        if (!values.isEmpty()) {
            env.put(variable, values.get(0));
        }
        if (values.size() > 1) {
            env.put(variable + Console.PREVIOUS, values.get(1));
        }
    }

    /** {@code sign --scheme standard-webhooks} with {@code options}. */
    private static Cli.Result sign(Map<String, String> env, String... options) {
        return Cli.run(env, schemeCommand("sign", options));
    }

    private static Cli.Result signWithTheOfficialSecret(String id, String timestamp, Path body) {
        return sign(
                Map.of(ReceiveCommand.STANDARD_SECRET_ENV, OFFICIAL_SECRET),
                "--id",
                id,
                "--timestamp",
                timestamp,
                "--body",
                body.toString());
    }

    /** {@code verify --scheme standard-webhooks} of {@code body} with {@code headers}, at {@code now}. */
    private static Cli.Result verify(Map<String, String> env, Path headers, Path body, String now) {
        return Cli.run(
                env, schemeCommand("verify", "--headers", headers.toString(), "--body", body.toString(), "--now", now));
    }

    private static String[] schemeCommand(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "--scheme", "standard-webhooks"));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @Test
    void signPrintsTheOfficialExample() throws IOException {
        Path body = Files.writeString(dir.resolve("body.json"), "{\"test\": 2432232314}");

        Cli.Result result = signWithTheOfficialSecret("msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", body);

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.lastLine()).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @TestFactory
    List<DynamicTest> signPrintsEverySigningVectorsHeader() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            if (!vector.has("sign")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                Path body = Files.write(
                        dir.resolve(vector.get("name").asText()),
                        Base64.getDecoder().decode(vector.get("body_base64").asText()));
                Cli.Result result = sign(
                        env(
                                vector.get("sign").get("secrets"),
                                SignCommand.STANDARD_SIGNING_KEY_ENV,
                                vector.get("sign").get("signing_keys")),
                        "--id",
                        vector.get("id").asText(),
                        "--timestamp",
                        vector.get("timestamp").asText(),
                        "--body",
                        body.toString());
                assertThat(result.exit()).as(result.err()).isZero();
                assertThat(result.lastLine()).isEqualTo(vector.get("header").asText());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> verifyGivesEveryVectorsSignatureVerdict() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode vector : vectors()) {
            String header = vector.get("header").asText();
            if (!header.equals(header.strip())) {
                continue; // a headers file is read line by line, stripped: outer spaces cannot be given
            }
            tests.add(DynamicTest.dynamicTest(vector.get("name").asText(), () -> {
                String name = vector.get("name").asText();
                Path body = Files.write(
                        dir.resolve(name + ".body"),
                        Base64.getDecoder().decode(vector.get("body_base64").asText()));
                Path headers = Files.writeString(
                        dir.resolve(name + ".headers"),
                        "Content-Type: application/json\nwebhook-id: "
                                + vector.get("id").asText()
                                + "\nwebhook-timestamp: "
                                + vector.get("timestamp").asText()
                                + "\nwebhook-signature: " + vector.get("header").asText() + "\n",
                        StandardCharsets.UTF_8);
                Cli.Result result = verify(
                        env(
                                vector.get("verify_with").get("secrets"),
                                ReceiveCommand.STANDARD_PUBLIC_KEY_ENV,
                                vector.get("verify_with").get("public_keys")),
                        headers,
                        body,
                        vector.get("now").asText());
                JsonNode line = WebhookJson.mapper().readTree(result.lastLine());
                boolean signatureHeld =
                        line.get("ok").asBoolean() || line.get("status").asInt() != 401;
                assertThat(signatureHeld)
                        .as(result.out())
                        .isEqualTo(vector.get("valid").asBoolean());
                if (line.get("ok").asBoolean()) {
                    assertThat(result.exit()).isZero();
                    assertThat(line.get("id").asText())
                            .isEqualTo(vector.get("id").asText());
                } else {
                    assertThat(result.exit()).isEqualTo(Main.NOT_OK);
                }
            }));
        }
        return tests;
    }

    @Test
    void verifyPrintsTheMessageAndRefusesATamperedBody() throws IOException {
        Path body = Files.writeString(dir.resolve("body.json"), "{\"type\":\"invoice.paid\"}");
        Cli.Result signed = signWithTheOfficialSecret("msg_cli", "1716475271", body);
        Path headers = Files.writeString(
                dir.resolve("headers"),
                "Content-Type: application/json\nwebhook-id: msg_cli\nwebhook-timestamp: 1716475271\n"
                        + "webhook-signature: " + signed.lastLine() + "\n");
        Map<String, String> env = Map.of(ReceiveCommand.STANDARD_SECRET_ENV, OFFICIAL_SECRET);

        Cli.Result ok = verify(env, headers, body, "1716475300");
        Files.writeString(body, "{\"type\":\"invoice.void\"}");
        Cli.Result tampered = verify(env, headers, body, "1716475300");

        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.lastLine())
                .isEqualTo("{\"ok\":true,\"id\":\"msg_cli\",\"timestamp\":1716475271,\"type\":\"invoice.paid\"}");
        assertThat(tampered.exit()).isEqualTo(Main.NOT_OK);
        JsonNode refused = WebhookJson.mapper().readTree(tampered.lastLine());
        assertThat(refused.get("status").asInt()).isEqualTo(401);
        assertThat(refused.get("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_INVALID");
    }

    @Test
    void malformedKeysAndMissingOptionsAreUsageErrorsThatNeverPrintTheKey() {
        String badSecret = "whsec_thisIsNotBase64!!butLongEnough";
        Cli.Result bad =
                sign(Map.of(ReceiveCommand.STANDARD_SECRET_ENV, badSecret), "--id", "msg_1", "--timestamp", "1");
        Cli.Result noSecret = sign(Map.of(), "--id", "msg_1", "--timestamp", "1");
        Map<String, String> official = Map.of(ReceiveCommand.STANDARD_SECRET_ENV, OFFICIAL_SECRET);
        Cli.Result noId = sign(official, "--timestamp", "1");
        Cli.Result dottedId = sign(official, "--id", "msg.1", "--timestamp", "1");
        Cli.Result unknownScheme = Cli.run(Map.of(), "sign", "--scheme", "stripe", "--timestamp", "1");

        assertThat(bad.exit()).isEqualTo(Main.USAGE);
        assertThat(bad.err()).contains(ReceiveCommand.STANDARD_SECRET_ENV).doesNotContain("thisIsNotBase64");
        assertThat(noSecret.exit()).isEqualTo(Main.USAGE);
        assertThat(noSecret.err()).contains(ReceiveCommand.STANDARD_SECRET_ENV);
        assertThat(noId.exit()).isEqualTo(Main.USAGE);
        assertThat(dottedId.exit()).isEqualTo(Main.USAGE);
        assertThat(unknownScheme.exit()).isEqualTo(Main.USAGE);
    }
}
