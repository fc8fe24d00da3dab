package com.webriskops.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.testing.TestVectors;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of test-vectors/signatures.json, in both directions. */
class SignatureVectorsTest {
    record Vector(
            String name,
            String secret,
            List<String> verifyWithSecrets,
            String timestamp,
            String nonce,
            byte[] body,
            String signatureHeader,
            String expectedSignature,
            boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() {
        List<Vector> vectors = TestVectors.cases("signatures.json", c -> {
            List<String> verifyWith = new ArrayList<>();
            c.path("verify_with_secrets").forEach(s -> verifyWith.add(s.asText()));
            return new Vector(
                    c.path("name").asText(),
                    c.path("secret").asText(),
                    verifyWith,
                    c.path("timestamp").asText(),
                    c.path("nonce").asText(),
                    Base64.getDecoder().decode(c.path("body_base64").asText()),
                    c.path("signature_header").asText(),
                    c.path("expected_signature").asText(),
                    c.path("valid").asBoolean());
        });
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(16);
        return vectors.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingProducesTheExpectedSignature(Vector vector) {
        String signature = WebhookSignatures.sign(
                WebhookSecret.of(vector.secret()), vector.timestamp(), vector.nonce(), vector.body());

        assertThat(signature).isEqualTo(vector.expectedSignature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifyingTheSentHeaderGivesTheExpectedVerdict(Vector vector) {
        List<WebhookSecret> secrets =
                vector.verifyWithSecrets().stream().map(WebhookSecret::of).toList();

        boolean verified = WebhookSignatures.verify(
                secrets, vector.signatureHeader(), vector.timestamp(), vector.nonce(), vector.body());

        assertThat(verified).isEqualTo(vector.valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theExpectedSignatureAlwaysVerifies(Vector vector) {
        boolean verified = WebhookSignatures.verify(
                List.of(WebhookSecret.of(vector.secret())),
                vector.expectedSignature(),
                vector.timestamp(),
                vector.nonce(),
                vector.body());

        assertThat(verified).isTrue();
    }
}
