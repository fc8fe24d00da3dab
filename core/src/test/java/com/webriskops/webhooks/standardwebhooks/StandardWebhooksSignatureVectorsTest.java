package com.webriskops.webhooks.standardwebhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.TestVectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of test-vectors/standard-webhooks-signatures.json (made by the npm package
 * standardwebhooks@1.1.1, the official Java library 1.2.0 and Node's Ed25519, see
 * standard-webhooks-signatures.sh), in three directions: signing reproduces each canonical header,
 * the receiver gives each header its verdict, and what the kit signs verifies with the vector's keys.
 */
class StandardWebhooksSignatureVectorsTest {
    record Vector(
            String name,
            String id,
            String timestamp,
            byte[] body,
            String header,
            Instant now,
            Duration tolerance,
            List<String> secrets,
            List<String> publicKeys,
            boolean valid,
            List<String> signSecrets,
            List<String> signingKeys,
            boolean signs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() {
        List<Vector> vectors = TestVectors.cases(
                "standard-webhooks-signatures.json",
                c -> new Vector(
                        c.path("name").asText(),
                        c.path("id").asText(),
                        c.path("timestamp").asText(),
                        Base64.getDecoder().decode(c.path("body_base64").asText()),
                        c.path("header").asText(),
                        Instant.ofEpochSecond(c.path("now").asLong()),
                        Duration.ofSeconds(c.path("tolerance_seconds").asLong()),
                        texts(c.path("verify_with").path("secrets")),
                        texts(c.path("verify_with").path("public_keys")),
                        c.path("valid").asBoolean(),
                        texts(c.path("sign").path("secrets")),
                        texts(c.path("sign").path("signing_keys")),
                        c.has("sign")));
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(50);
        assertThat(vectors).anyMatch(Vector::valid).anyMatch(v -> !v.valid());
        assertThat(vectors).anyMatch(v -> v.header().startsWith("v1a,"));
        return vectors.stream();
    }

    static Stream<Vector> signingVectors() {
        List<Vector> signing = vectors().filter(Vector::signs).toList();
        assertThat(signing).hasSizeGreaterThanOrEqualTo(15);
        return signing.stream();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(s -> texts.add(s.asText()));
        return texts;
    }

    private static StandardWebhooksScheme<byte[]> verifier(Vector vector) {
        StandardWebhooksScheme.Builder<byte[]> builder = StandardWebhooksScheme.builder();
        vector.secrets().forEach(builder::secret);
        vector.publicKeys().forEach(builder::publicKey);
        return builder.build();
    }

    private static ReceiveResult<?> receive(Vector vector, Map<String, List<String>> headers) {
        WebhookReceiver<?> receiver = WebhookReceiver.builder(verifier(vector))
                .timestampTolerance(vector.tolerance())
                .clock(Clock.fixed(vector.now(), ZoneOffset.UTC))
                .build();
        return receiver.receive(InboundRequest.of(headers, vector.body()));
    }

    /** The headers the kit signs the vector's message with, using the vector's secrets and signing keys. */
    private static Map<String, List<String>> signedByTheKit(Vector vector) {
        StandardWebhooksScheme.Builder<byte[]> builder = StandardWebhooksScheme.builder();
        vector.signSecrets().forEach(builder::secret);
        vector.signingKeys().forEach(builder::signingKey);
        return builder.build()
                .sign(vector.id(), Instant.ofEpochSecond(Long.parseLong(vector.timestamp())), vector.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingVectors")
    void signingProducesTheCanonicalHeader(Vector vector) {
        Map<String, List<String>> headers = signedByTheKit(vector);

        assertThat(headers.get(StandardWebhooksScheme.SIGNATURE_HEADER)).containsExactly(vector.header());
        assertThat(headers.get(StandardWebhooksScheme.ID_HEADER)).containsExactly(vector.id());
        assertThat(headers.get(StandardWebhooksScheme.TIMESTAMP_HEADER)).containsExactly(vector.timestamp());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theReceiverGivesTheVectorsVerdict(Vector vector) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put(StandardWebhooksScheme.ID_HEADER, List.of(vector.id()));
        headers.put(StandardWebhooksScheme.TIMESTAMP_HEADER, List.of(vector.timestamp()));
        headers.put(StandardWebhooksScheme.SIGNATURE_HEADER, List.of(vector.header()));

        ReceiveResult<?> result = receive(vector, headers);

        // Raw-bytes payload: a valid signature is accepted outright; anything else is 401.
        if (vector.valid()) {
            assertThat(result).as(String.valueOf(result)).isInstanceOf(ReceiveResult.Accepted.class);
            assertThat(((ReceiveResult.Accepted<?>) result).delivery().idempotencyKey())
                    .isEqualTo(vector.id());
        } else {
            assertThat(result).as(String.valueOf(result)).isInstanceOf(ReceiveResult.Rejected.class);
            assertThat(result.answer().status()).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signingVectors")
    void whatTheKitSignsGetsTheVectorsVerdict(Vector vector) {
        Map<String, List<String>> headers = signedByTheKit(vector);

        ReceiveResult<?> result = receive(vector, headers);

        assertThat(result instanceof ReceiveResult.Accepted)
                .as(String.valueOf(result))
                .isEqualTo(vector.valid());
    }
}
