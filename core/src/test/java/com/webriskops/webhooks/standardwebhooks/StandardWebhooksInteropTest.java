package com.webriskops.webhooks.standardwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Interop both ways with implementations that are not the kit's: the official Java library
 * (com.standardwebhooks:standardwebhooks), svix-java (com.svix:svix), and Node's Ed25519 (run as a
 * child process on test-vectors/standard-webhooks/ed25519.js).
 */
class StandardWebhooksInteropTest {
    static final String SECRET = StandardWebhooksSchemeTest.SECRET;
    static final String BODY = "{\"type\":\"invoice.paid\",\"data\":{\"text\":\"Café ☕\",\"amount\":4200}}";
    static final Instant AT = Instant.ofEpochSecond(1_716_475_271L);

    private static ReceiveResult<?> receive(
            StandardWebhooksScheme<?> scheme, Instant now, String id, String timestamp, String signature) {
        WebhookReceiver<?> receiver = WebhookReceiver.builder(scheme)
                .clock(Clock.fixed(now, ZoneOffset.UTC))
                .build();
        return receiver.receive(InboundRequest.of(
                Map.of(
                        "Content-Type", List.of("application/json"),
                        "webhook-id", List.of(id),
                        "webhook-timestamp", List.of(timestamp),
                        "webhook-signature", List.of(signature)),
                BODY.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a receiver for {@link #SECRET} at {@link #AT} makes of {@link #BODY} with this id and signature. */
    private static ReceiveResult<?> receiveSecretSignedAt(String id, String signature) {
        return receive(
                StandardWebhooksScheme.builder().secret(SECRET).build(),
                AT,
                id,
                Long.toString(AT.getEpochSecond()),
                signature);
    }

    @Test
    void officialJavaLibrarySignaturesAreAccepted() throws Exception {
        String signature = new com.standardwebhooks.Webhook(SECRET).sign("msg_official", AT.getEpochSecond(), BODY);

        assertThat(receiveSecretSignedAt("msg_official", signature)).isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void svixSignaturesAreAccepted() throws Exception {
        String signature = new com.svix.Webhook(SECRET).sign("msg_svix", AT.getEpochSecond(), BODY);

        assertThat(receiveSecretSignedAt("msg_svix", signature)).isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void kitDeliveriesVerifyInTheOfficialJavaLibraryAndInSvix() throws Exception {
        // Both libraries judge the timestamp by the system clock, so the kit signs "now".
        Instant now = Instant.ofEpochSecond(Clock.systemUTC().instant().getEpochSecond());
        Map<String, List<String>> headers = StandardWebhooksScheme.builder()
                .secret("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD")
                .secret(SECRET)
                .build()
                .sign("msg_kit", now, BODY.getBytes(StandardCharsets.UTF_8));

        new com.standardwebhooks.Webhook(SECRET).verify(BODY, headers);
        new com.svix.Webhook(SECRET).verify(BODY, headers);
        assertThatThrownBy(() -> new com.standardwebhooks.Webhook("whsec_" + "A".repeat(32)).verify(BODY, headers))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        assertThatThrownBy(() -> new com.standardwebhooks.Webhook(SECRET).verify(BODY + " ", headers))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void kitV1aSignaturesVerifyWithNodeCrypto() throws Exception {
        String[] keys = node("keypair").split(" ");
        String signingKey = keys[0];
        String publicKey = keys[1];
        Map<String, List<String>> headers = StandardWebhooksScheme.builder()
                .signingKey(signingKey)
                .build()
                .sign("msg_to_node", AT, BODY.getBytes(StandardCharsets.UTF_8));
        String v1a = headers.get("webhook-signature").get(0);
        String content = content("msg_to_node", Long.toString(AT.getEpochSecond()));

        assertThat(v1a).startsWith("v1a,");
        assertThat(node("verify", publicKey, content, v1a)).isEqualTo("true");
        assertThat(node("verify", publicKey, content("msg_other", Long.toString(AT.getEpochSecond())), v1a))
                .isEqualTo("false");
    }

    @Test
    void nodeCryptoV1aSignaturesAreAccepted() throws Exception {
        String[] keys = node("keypair").split(" ");
        String timestamp = Long.toString(AT.getEpochSecond());
        String v1a = node("sign", keys[0], content("msg_from_node", timestamp));
        StandardWebhooksScheme<byte[]> scheme =
                StandardWebhooksScheme.builder().publicKey(keys[1]).build();

        assertThat(receive(scheme, AT, "msg_from_node", timestamp, v1a)).isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(receive(scheme, AT, "msg_from_nod3", timestamp, v1a).answer().status())
                .isEqualTo(401);
    }

    private static String content(String id, String timestamp) {
        return Base64.getEncoder().encodeToString((id + "." + timestamp + "." + BODY).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs test-vectors/standard-webhooks/ed25519.js; skips the test when node is not installed. */
    private static String node(String... args) throws IOException, InterruptedException, URISyntaxException {
        Path script = Path.of(StandardWebhooksInteropTest.class
                .getResource("/test-vectors/standard-webhooks/ed25519.js")
                .toURI());
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(
                    "node is not installed (not on the PATH), so the Node.js crypto interop is skipped: " + e);
            throw e;
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readNBytes(64 * 1024);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
