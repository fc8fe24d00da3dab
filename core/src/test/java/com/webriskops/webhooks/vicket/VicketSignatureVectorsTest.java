package com.webriskops.webhooks.vicket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TestVectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of test-vectors/vicket-signatures.json (HMACs computed by OpenSSL, see
 * vicket-signatures.sh), in both directions: signing reproduces the canonical headers, and verifying
 * (by {@link VicketSignatures} and by the scheme inside the receiver) gives each vector's verdict.
 */
class VicketSignatureVectorsTest {
    record Vector(
            String name,
            byte[] body,
            String header,
            Instant now,
            Duration tolerance,
            List<WebhookSecret> verifyWith,
            boolean valid,
            List<WebhookSecret> signWith,
            long signT) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() {
        List<Vector> vectors = TestVectors.cases(
                "vicket-signatures.json",
                c -> new Vector(
                        c.path("name").asText(),
                        Base64.getDecoder().decode(c.path("body_base64").asText()),
                        c.path("header").asText(),
                        Instant.ofEpochSecond(c.path("now").asLong()),
                        Duration.ofSeconds(c.path("tolerance_seconds").asLong()),
                        secrets(c.path("verify_with_secrets")),
                        c.path("valid").asBoolean(),
                        secrets(c.path("sign").path("secrets")),
                        c.path("sign").path("t").asLong()));
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(30);
        assertThat(vectors).anyMatch(Vector::valid).anyMatch(v -> !v.valid());
        return vectors.stream();
    }

    static Stream<Vector> signingVectors() {
        List<Vector> signing = vectors().filter(v -> !v.signWith().isEmpty()).toList();
        assertThat(signing).hasSizeGreaterThanOrEqualTo(5);
        return signing.stream();
    }

    private static List<WebhookSecret> secrets(JsonNode array) {
        List<WebhookSecret> secrets = new ArrayList<>();
        array.forEach(s -> secrets.add(WebhookSecret.forTesting(s.asText())));
        return secrets;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingVectors")
    void signingProducesTheCanonicalHeader(Vector vector) {
        assertThat(VicketSignatures.sign(vector.signWith(), vector.signT(), vector.body()))
                .isEqualTo(vector.header());
        assertThat(VicketScheme.ofDefaults()
                        .sign(vector.signWith(), Instant.ofEpochSecond(vector.signT()), vector.body())
                        .get(VicketSignatures.HEADER))
                .containsExactly(vector.header());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyingGivesTheVectorsVerdict(Vector vector) {
        assertThat(VicketSignatures.verify(
                        vector.verifyWith(), vector.header(), vector.body(), vector.now(), vector.tolerance()))
                .isEqualTo(vector.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theReceiverGivesTheVectorsVerdict(Vector vector) {
        WebhookReceiver<VicketWebhook> receiver = WebhookReceiver.builder(VicketScheme.ofDefaults())
                .secrets(vector.verifyWith())
                .timestampTolerance(vector.tolerance())
                .clock(Clock.fixed(vector.now(), ZoneOffset.UTC))
                .build();
        ReceiveResult<VicketWebhook> result = receiver.receive(InboundRequest.of(
                Map.of("Content-Type", List.of("application/json"), VicketSignatures.HEADER, List.of(vector.header())),
                vector.body()));

        // A valid signature gets past rule 2: accepted, or refused later for its payload (the empty body).
        boolean signatureRefused = result instanceof ReceiveResult.Rejected<?> rejected
                && rejected.rejection().status() == 401;
        assertThat(signatureRefused).as(String.valueOf(result)).isEqualTo(!vector.valid());
    }
}
