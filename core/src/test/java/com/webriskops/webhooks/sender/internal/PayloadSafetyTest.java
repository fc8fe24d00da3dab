package com.webriskops.webhooks.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.LoopbackServer;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadSafetyTest {
    private static final String SECRET_TEXT = "tgt-s3cret-value-42";
    private static final WebhookSecret SECRET = WebhookSecret.of(SECRET_TEXT);

    /**
     * The work bound of the detectors: character reads per character of text. Each detector reads
     * every character a bounded number of times, so the total is linear in the text's length.
     */
    private static final long STEPS_PER_CHAR = 64;

    @Test
    void theDocumentationExampleIsSafe() {
        assertThat(PayloadSafety.firstFinding(TestDeliveries.examplePayload(), List.of(SECRET)))
                .isNull();
    }

    static Stream<Arguments> unsafe() {
        return Stream.of(
                unsafe("the target's secret", "ticket_export.summary", "signing_secret", "tgt-s3cret-value-42"),
                unsafe(
                        "a bearer token",
                        "ticket_export.summary",
                        "bearer_token",
                        "Authorization: Bearer abcdefghijklmnopqrstuvwx"),
                unsafe(
                        "a JWT",
                        "ticket_export.summary",
                        "jwt",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl"),
                unsafe(
                        "a private key",
                        "ticket_export.summary",
                        "private_key",
                        "-----BEGIN RSA PRIVATE KEY-----\nMIIB..."),
                unsafe("an AWS key", "ticket_export.summary", "api_key", "key AKIAIOSFODNN7EXAMPLE"),
                unsafe(
                        "a GitHub token",
                        "ticket_export.summary",
                        "api_key",
                        "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
                unsafe("a Stripe key", "ticket_export.summary", "api_key", "sk_live_abcdefghijklmnop1234"),
                unsafe("a Slack token", "ticket_export.summary", "api_key", "xoxb-1234567890-abcdefghij"),
                unsafe("a webhook secret", "ticket_export.summary", "api_key", "whsec_abcdefghijkl"),
                unsafe("a key assignment", "ticket_export.summary", "api_key", "api_key=abcdef0123456789"),
                unsafe("a file: URL", "ticket_export.summary", "private_artifact_path", "see file:///srv/x.png"),
                unsafe(
                        "a home path",
                        "ticket_export.summary",
                        "private_artifact_path",
                        "saved to /home/ci/run/shot.png"),
                unsafe("a Windows path", "ticket_export.summary", "private_artifact_path", "C:\\Users\\me\\shot.png"),
                unsafe(
                        "a screenshot path",
                        "ticket_export.summary",
                        "private_artifact_path",
                        "screenshots/run-42/checkout.png"),
                unsafe(
                        "an HTML snapshot path",
                        "ticket_export.summary",
                        "private_artifact_path",
                        "html-snapshots/page.html"));
    }

    private static Arguments unsafe(String what, String field, String kind, String text) {
        return Arguments.of(what, field, kind, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafe")
    void findsAndNamesTheField(String what, String field, String kind, String text) throws Exception {
        byte[] payload = edit(json -> json.withObjectProperty("ticket_export").put("summary", text));

        PayloadFinding finding = PayloadSafety.firstFinding(payload, List.of(SECRET));

        assertThat(finding).as(what).isNotNull();
        assertThat(finding.field()).isEqualTo(field);
        assertThat(finding.kind()).isEqualTo(kind);
        assertThat(finding.message()).contains(field).doesNotContain(text);
    }

    @Test
    void findsSecretsInListsAndBehindJsonEscapes() throws Exception {
        byte[] inList = edit(json -> json.withObjectProperty("ticket_export")
                .withArrayProperty("reproduction_steps")
                .add("use tgt-s3cret-value-42"));
        byte[] escaped = new String(TestDeliveries.examplePayload(), StandardCharsets.UTF_8)
                .replace("\"Fix checkout validation state\"", "\"tgt-s3cret-\\u0076alue-42\"")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(PayloadSafety.firstFinding(inList, List.of(SECRET)).field())
                .isEqualTo("ticket_export.reproduction_steps[2]");
        assertThat(PayloadSafety.firstFinding(escaped, List.of(SECRET)).field()).isEqualTo("ticket_export.title");
    }

    @Test
    void publicUrlsAndOrdinaryTextAreNotFindings() throws Exception {
        byte[] payload = edit(json -> json.withObjectProperty("ticket_export")
                .put("summary", "See https://app.example.test/var/reports/42 and the /checkout page; token bucket"));

        assertThat(PayloadSafety.firstFinding(payload, List.of(SECRET))).isNull();
    }

    // ---------------------------------------------------------------- a finding never prints what it found

    static Stream<Arguments> secretMemberNames() {
        return Stream.of(
                Arguments.of("a webhook secret", "whsec_LEAKEDsecret123456", "api_key"),
                Arguments.of("the target's secret", "tgt-s3cret-value-42", "signing_secret"),
                Arguments.of("the target's secret, upper-cased", "TGT-S3CRET-VALUE-42", "signing_secret"),
                Arguments.of("a GitHub token", "ghp_LEAKEDabcdefghijklmnopqrstuvwxyz0123", "api_key"),
                Arguments.of("a private path", "/home/ci/LEAKED/shot.png", "private_artifact_path"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("secretMemberNames")
    void aMemberNameThatIsASecretIsAFindingNamedByAPlaceholder(String what, String name, String kind) throws Exception {
        byte[] payload = edit(json -> json.withObjectProperty("ticket_export")
                .withArrayProperty("external_ticket_refs")
                .addObject()
                .put(name, 1));

        PayloadFinding finding = PayloadSafety.firstFinding(payload, List.of(SECRET));

        assertThat(finding).as(what).isNotNull();
        assertThat(finding.kind()).isEqualTo(kind);
        assertThat(finding.field()).isEqualTo("ticket_export.external_ticket_refs[0][*]");
        assertNeverShows(finding, name, "LEAKED");
    }

    static Stream<Arguments> oddMemberNames() {
        return Stream.of(
                Arguments.of("spaces and punctuation", "see: hunter2 & co"),
                Arguments.of("a line break", "a\nb"),
                Arguments.of("non-ASCII letters", "clé_privée"),
                Arguments.of("a leading digit", "1st_reference"),
                Arguments.of("a long random-looking identifier", "k9Xq2LmPz7Rt4VwYb8"),
                Arguments.of("over 64 characters", "a".repeat(65)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddMemberNames")
    void aMemberNameThatIsNotAPlainIdentifierIsNeverPrinted(String what, String name) throws Exception {
        byte[] payload = edit(json -> json.withObjectProperty("ticket_export")
                .withArrayProperty("external_ticket_refs")
                .addObject()
                .putObject(name)
                .put("note", "Authorization: Bearer abcdefghijklmnopqrstuvwx"));

        PayloadFinding finding = PayloadSafety.firstFinding(payload, List.of(SECRET));

        assertThat(finding).as(what).isNotNull();
        assertThat(finding.kind()).isEqualTo("bearer_token");
        assertThat(finding.field()).isEqualTo("ticket_export.external_ticket_refs[0][*].note");
        assertNeverShows(finding, name, "hunter2");
    }

    @Test
    void theStoredAttemptLogAndTheStatusViewNeverShowASecretMemberName() throws Exception {
        String leaked = "whsec_LEAKEDsecret123456";
        ObjectNode ref = WebhookJson.mapper().createObjectNode().put(leaked, 1);
        ExportRequest export = SenderFixtures.export(ticket -> ticket.externalTicketRefs = List.of(ref));
        MutableClock clock = SenderFixtures.clock();
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        try (LoopbackServer server = LoopbackServer.http()) {
            ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
            Dispatcher dispatcher = Dispatcher.builder()
                    .store(store)
                    .sender(SenderFixtures.sender(clock).build())
                    .targets(id -> target)
                    .retryPolicy(SenderFixtures.fastPolicy(1))
                    .clock(clock)
                    .build();
            Delivery delivery = store.enqueue(target, export, clock.instant());

            dispatcher.runOnce();

            Delivery blocked = store.find(delivery.id());
            assertThat(blocked.status()).isEqualTo(DeliveryStatus.BLOCKED);
            assertThat(blocked.lastAttempt().code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue());
            assertThat(blocked.lastAttempt().message()).contains("ticket_export.external_ticket_refs[0][*]");
            assertThat(blocked.attemptLog().toString()).doesNotContain(leaked).doesNotContain("LEAKED");
            String view = WebhookJson.mapper().writeValueAsString(DeliveryStatusView.of(blocked, clock.instant()));
            assertThat(view)
                    .contains(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue())
                    .doesNotContain(leaked)
                    .doesNotContain("LEAKED");
            assertThat(PortableExport.of(blocked, target).finding()).isNotNull();
            assertThatThrownBy(() -> PortableExport.of(blocked, target).csv()).hasMessageNotContaining("LEAKED");
            assertThat(server.received()).isEmpty();
        }
    }

    private static void assertNeverShows(PayloadFinding finding, String... texts) {
        for (String text : texts) {
            assertThat(finding.field()).doesNotContain(text);
            assertThat(finding.message()).doesNotContain(text);
            assertThat(finding.toString()).doesNotContain(text);
        }
    }

    // ---------------------------------------------------------------- bypasses

    static Stream<Arguments> bypasses() {
        byte[] secret = SECRET_TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] prefixed = ("id=7:" + SECRET_TEXT).getBytes(StandardCharsets.UTF_8);
        StringBuilder percent = new StringBuilder();
        for (byte b : secret) {
            percent.append('%').append(String.format(Locale.ROOT, "%02x", b));
        }
        return Stream.of(
                bypass("a secret-named member", "{\"password\":\"hunter2hunter2hunter2\"}", "password", "credential"),
                bypass(
                        "a secret-named nested member",
                        "{\"auth\":{\"client_secret\":\"Zx9!aQ7#pL2m\"}}",
                        "auth.client_secret",
                        "credential"),
                bypass(
                        "a secret-named member holding a number",
                        "{\"pin_password\":123456789012}",
                        "pin_password",
                        "credential"),
                bypassText("the secret percent-encoded", percent.toString(), "signing_secret"),
                bypassText("the secret partly percent-encoded", "tgt-s3cret%2Dvalue%2d42", "signing_secret"),
                bypassText("the secret in base64", Base64.getEncoder().encodeToString(secret), "signing_secret"),
                bypassText(
                        "the secret in base64 without padding",
                        "token " + Base64.getEncoder().withoutPadding().encodeToString(prefixed),
                        "signing_secret"),
                bypassText(
                        "the secret in url-safe base64, glued to text",
                        "ab" + Base64.getUrlEncoder().encodeToString(prefixed) + " done",
                        "signing_secret"),
                bypassText("the secret in lower-case hex", "0x" + HexFormat.of().formatHex(secret), "signing_secret"),
                bypassText(
                        "the secret in upper-case hex",
                        "key=" + HexFormat.of().withUpperCase().formatHex(prefixed),
                        "signing_secret"),
                bypassText("the secret upper-cased", "use TGT-S3CRET-VALUE-42 here", "signing_secret"),
                bypassText("the secret mixed-case", "use Tgt-S3Cret-VaLue-42 here", "signing_secret"),
                bypassText("a PGP private key", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF...", "private_key"),
                bypassText("an OpenSSH private key", "-----BEGIN OPENSSH PRIVATE KEY-----", "private_key"),
                bypassText("an encrypted private key", "-----BEGIN ENCRYPTED PRIVATE KEY-----", "private_key"),
                bypassText(
                        "a bearer token after NBSP",
                        "Authorization: Bearer\u00a0abcdefghijklmnopqrstuvwx",
                        "bearer_token"),
                bypassText("a bearer token after an en quad", "Bearer\u2000abcdefghijklmnopqrstuvwx", "bearer_token"),
                bypassText("a bearer token after a hair space", "Bearer\u200aabcdefghijklmnopqrstuvwx", "bearer_token"),
                bypassText(
                        "a bearer token after an ideographic space",
                        "Bearer\u3000abcdefghijklmnopqrstuvwx",
                        "bearer_token"),
                bypassText("a bearer token after a tab", "Bearer\tabcdefghijklmnopqrstuvwx", "bearer_token"),
                bypassText("a password with punctuation", "login with password=P@ss!word-long", "api_key"),
                bypassText("a client secret with punctuation", "client_secret: Zx9!aQ7#pL2m%kk", "api_key"),
                bypassText(
                        "a quoted password in embedded JSON",
                        "body was {\"password\": \"P@ss!word-long\"}",
                        "api_key"));
    }

    private static Arguments bypass(String what, String refJson, String fieldSuffix, String kind) {
        return Arguments.of(what, refJson, null, "ticket_export.external_ticket_refs[0]." + fieldSuffix, kind);
    }

    private static Arguments bypassText(String what, String text, String kind) {
        return Arguments.of(what, null, text, "ticket_export.summary", kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bypasses")
    void catchesEasyBypasses(String what, String refJson, String text, String field, String kind) throws Exception {
        byte[] payload = edit(json -> {
            ObjectNode ticket = json.withObjectProperty("ticket_export");
            if (refJson != null) {
                try {
                    ticket.withArrayProperty("external_ticket_refs")
                            .add(WebhookJson.mapper().readTree(refJson));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            } else {
                ticket.put("summary", text);
            }
        });

        PayloadFinding finding = PayloadSafety.firstFinding(payload, List.of(SECRET));

        assertThat(finding).as(what).isNotNull();
        assertThat(finding.field()).isEqualTo(field);
        assertThat(finding.kind()).isEqualTo(kind);
        assertThat(finding.message())
                .doesNotContain("hunter2")
                .doesNotContain("P@ss")
                .doesNotContain("Zx9");
    }

    static Stream<String> benign() {
        return Stream.of(
                "{\"password\":\"********\"}",
                "{\"password\":\"[REDACTED]\"}",
                "{\"password\":\"\"}",
                "{\"password_policy\":\"at least twelve characters\"}",
                "{\"secret_missing\":true}",
                "{\"token_count\":1234567890}",
                "{\"summary\":\"Password reset form leaks the account state: see https://app.example.test/reset\"}",
                "{\"summary\":\"Secret: rotate\"}",
                "{\"summary\":\"-----BEGIN CERTIFICATE-----\"}",
                "{\"summary\":\"-----BEGIN PUBLIC KEY-----\"}",
                "{\"summary\":\"The bearer of this ticket\"}",
                "{\"summary\":\"deadbeefcafebabe 0123456789abcdef SGVsbG8gd29ybGQ=\"}");
    }

    @ParameterizedTest
    @MethodSource("benign")
    void ordinaryTicketTextIsNotAFinding(String refJson) throws Exception {
        JsonNode ref = WebhookJson.mapper().readTree(refJson);
        byte[] payload = edit(json -> json.withObjectProperty("ticket_export")
                .withArrayProperty("external_ticket_refs")
                .add(ref));

        assertThat(PayloadSafety.firstFinding(payload, List.of(SECRET))).isNull();
    }

    @Test
    void theExampleIsCleanForEitherSecret() {
        assertThat(PayloadSafety.firstFinding(TestDeliveries.examplePayload(), List.of(SECRET, SenderFixtures.SECRET)))
                .isNull();
    }

    @Test
    void duplicateMembersAreAllScanned() {
        byte[] payload = "{\"summary\":\"Bearer abcdefghijklmnopqrstuvwx\",\"summary\":\"clean\"}"
                .getBytes(StandardCharsets.UTF_8);

        PayloadFinding finding = PayloadSafety.firstFinding(payload, List.of(SECRET));

        assertThat(finding).isNotNull();
        assertThat(finding.field()).isEqualTo("summary");
    }

    // ---------------------------------------------------------------- linear-time scanning

    static Stream<Arguments> adversarial() {
        int size = 256 * 1024;
        return Stream.of(
                Arguments.of("-eyJ", fill("-eyJ", size), null),
                Arguments.of("/private", fill("/private", size), "private_artifact_path"),
                Arguments.of("x/private", fill("x/private", size), null),
                Arguments.of("screenshots/a", fill("screenshots/a", size), null),
                Arguments.of("eyJa.eyJa.", "-" + fill("eyJa.", size), null),
                Arguments.of("eyJab.", "-" + fill("eyJab.", size), null),
                Arguments.of("eyJabcd.", "-" + fill("eyJabcd.", size), "jwt"),
                Arguments.of("bearer ", fill("bearer ", size), null),
                Arguments.of("-----BEGIN ", fill("-----BEGIN ", size), null),
                Arguments.of("password=", fill("password=", size), "api_key"),
                Arguments.of("password=x ", fill("password=x ", size), null),
                Arguments.of("password: x", fill("password: x", size), null),
                Arguments.of("\\\\a", fill("\\\\a", size), "private_artifact_path"),
                Arguments.of("\\\\a space", fill("\\\\a ", size), null),
                Arguments.of("sk-", fill(" sk-abc", size), null),
                Arguments.of("%7", fill("%7", size), null),
                Arguments.of("tgt-s3cret-value-4", fill("tgt-s3cret-value-4", size), null),
                Arguments.of("benign prose", fill("The checkout form drops validation state. ", size), null));
    }

    /** {@code unit} repeated to exactly {@code size} characters. */
    static String fill(String unit, int size) {
        return unit.repeat(size / unit.length() + 1).substring(0, size);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adversarial")
    void adversarialBodiesGetTheirVerdict(String what, String text, String kind) throws Exception {
        byte[] inJson = WebhookJson.mapper().writeValueAsBytes(Map.of("summary", text));
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);

        PayloadFinding json = PayloadSafety.firstFinding(inJson, List.of(SECRET));
        PayloadFinding plain = PayloadSafety.firstFinding(raw, List.of(SECRET));

        if (kind == null) {
            assertThat(json).as(what).isNull();
            assertThat(plain).as(what).isNull();
        } else {
            assertThat(json.kind()).isEqualTo(kind);
            assertThat(plain.kind()).isEqualTo(kind);
        }
        assertThat(PayloadSafety.detectorSteps(text))
                .as(what)
                .isLessThanOrEqualTo(STEPS_PER_CHAR * (text.length() + 1L));
    }

    @Test
    void randomTextFromTheDetectorsAlphabetIsScannedInLinearWork() {
        String[] alphabet = {
            "-",
            ".",
            "/",
            "\\",
            ":",
            "=",
            " ",
            "\t",
            "\u00a0",
            "\"",
            "'",
            "_",
            "%",
            "@",
            "!",
            "a",
            "A",
            "7",
            "x",
            "eyJ",
            "Bearer",
            "bearer ",
            "-----BEGIN ",
            "PRIVATE KEY",
            "-----",
            "password",
            "secret",
            "api_key",
            "private",
            "screenshots",
            "html-snapshots",
            "home",
            "file:",
            "C:",
            "png",
            ".png",
            ".html",
            "AKIA",
            "ghp_",
            "github_pat_",
            "glpat-",
            "xoxb-",
            "sk_live_",
            "AIza",
            "sk-",
            "whsec_",
            "0123456789",
            "ABCDEF"
        };
        Random random = new Random(20_240_615L);
        for (int run = 0; run < 300; run++) {
            int length = 1 + random.nextInt(8_000);
            StringBuilder text = new StringBuilder(length + 16);
            while (text.length() < length) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            long steps = PayloadSafety.detectorSteps(text.toString());
            assertThat(steps).as("run %d", run).isLessThanOrEqualTo(STEPS_PER_CHAR * (text.length() + 1L));
        }
    }

    private static byte[] edit(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) WebhookJson.mapper().readTree(TestDeliveries.examplePayload());
        edit.accept(json);
        return WebhookJson.mapper().writeValueAsBytes(json);
    }
}
