package com.webriskops.webhooks.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PayloadSafetyTest {
    private static final WebhookSecret SECRET = WebhookSecret.of("tgt-s3cret-value-42");

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

    private static byte[] edit(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) WebhookJson.mapper().readTree(TestDeliveries.examplePayload());
        edit.accept(json);
        return WebhookJson.mapper().writeValueAsBytes(json);
    }
}
