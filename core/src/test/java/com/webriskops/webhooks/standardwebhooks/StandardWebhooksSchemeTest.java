package com.webriskops.webhooks.standardwebhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.receiver.spi.PayloadCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.MutableClock;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StandardWebhooksSchemeTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    // K1 of standard-webhooks-signatures.json (made by Node's crypto from a fixed seed).
    static final String PUBLIC_KEY = "whpk_L9KPQ8b6uuDKEaM+E/HLxp2kqdCVwD3r547194+Ye0I=";
    static final Instant NOW = Instant.ofEpochSecond(1_716_475_271L);
    static final byte[] BODY =
            "{\"type\":\"invoice.paid\",\"data\":{\"amount\":4200}}".getBytes(StandardCharsets.UTF_8);

    /** The application's own event type: no schema of the kit's. */
    record InvoicePaid(@NotBlank String type, @Valid Data data) {
        record Data(@Positive int amount) {}
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final StandardWebhooksScheme<byte[]> signer =
            StandardWebhooksScheme.builder().secret(SECRET).build();

    private <T> WebhookReceiver<StandardWebhooksScheme.Message<T>> receiver(StandardWebhooksScheme<T> scheme) {
        return WebhookReceiver.builder(scheme).clock(clock).build();
    }

    private static InboundRequest request(Map<String, List<String>> headers, byte[] body) {
        return InboundRequest.of(headers, body);
    }

    private Map<String, List<String>> signed(String id, byte[] body) {
        return signer.sign(id, clock.instant(), body);
    }

    @Test
    void typedPayloadComesWrappedWithTheMessageIdAndTimestamp() {
        WebhookReceiver<?> receiver = receiver(
                StandardWebhooksScheme.builder(InvoicePaid.class).secret(SECRET).build());

        ReceiveResult<?> result = receiver.receive(request(signed("msg_typed", BODY), BODY));

        VerifiedDelivery<?> delivery = ((ReceiveResult.Accepted<?>) result).delivery();
        StandardWebhooksScheme.Message<?> message = delivery.payload(StandardWebhooksScheme.Message.class);
        assertThat(message.id()).isEqualTo("msg_typed");
        assertThat(message.timestamp()).isEqualTo(NOW);
        assertThat(message.payload()).isEqualTo(new InvoicePaid("invoice.paid", new InvoicePaid.Data(4200)));
        assertThat(message.toString()).doesNotContain("4200");
        assertThat(delivery.scheme()).isEqualTo(StandardWebhooksScheme.NAME);
        assertThat(delivery.idempotencyKey()).isEqualTo("msg_typed");
        assertThat(delivery.attempt()).isZero();
        assertThat(delivery.replayId()).isEqualTo("swh." + NOW.getEpochSecond() + ".msg_typed");
        assertThat(delivery.rawBody()).isEqualTo(BODY);
    }

    @Test
    void rawBytesPayloadNeedsNoJson() {
        WebhookReceiver<StandardWebhooksScheme.Message<byte[]>> receiver = receiver(signer);
        byte[] notJson = "not json at all".getBytes(StandardCharsets.UTF_8);

        ReceiveResult<?> result = receiver.receive(request(signed("msg_raw", notJson), notJson));

        StandardWebhooksScheme.Message<?> message =
                ((ReceiveResult.Accepted<?>) result).delivery().payload(StandardWebhooksScheme.Message.class);
        assertThat((byte[]) message.payload()).isEqualTo(notJson);
    }

    @Test
    void bodyThatIsNotJsonForAJsonTypeIs400AndViolationsAre422() {
        WebhookReceiver<?> receiver = receiver(
                StandardWebhooksScheme.builder(InvoicePaid.class).secret(SECRET).build());
        byte[] notJson = "{\"type\":".getBytes(StandardCharsets.UTF_8);
        byte[] invalid = "{\"type\":\"\",\"data\":{\"amount\":-1}}".getBytes(StandardCharsets.UTF_8);

        var malformed = receiver.receive(request(signed("msg_400", notJson), notJson));
        var violations = receiver.receive(request(signed("msg_422", invalid), invalid));

        assertThat(malformed.answer().status()).isEqualTo(400);
        assertThat(((ReceiveResult.Rejected) malformed).rejection().code())
                .isEqualTo(ErrorCode.WEBHOOK_VALIDATION_FAILED);
        assertThat(violations.answer().status()).isEqualTo(422);
        assertThat(((ReceiveResult.Rejected) violations).rejection().violations())
                .extracting(v -> v.field())
                .containsExactly("data.amount", "type");
    }

    @Test
    void applicationReaderDecidesAndAThrowingReaderIs400() {
        var strict = receiver(StandardWebhooksScheme.builder(
                        String.class,
                        body -> body.length > 10
                                ? new PayloadCheck.Valid<>(new String(body, StandardCharsets.UTF_8))
                                : new PayloadCheck.Malformed<>("too short"))
                .secret(SECRET)
                .build());
        var throwing = receiver(StandardWebhooksScheme.builder(String.class, body -> {
                    throw new IllegalStateException("reader bug");
                })
                .secret(SECRET)
                .build());

        assertThat(strict.receive(request(signed("msg_r1", BODY), BODY))).isInstanceOf(ReceiveResult.Accepted.class);
        byte[] shortBody = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(strict.receive(request(signed("msg_r2", shortBody), shortBody))
                        .answer()
                        .status())
                .isEqualTo(400);
        assertThat(throwing.receive(request(signed("msg_r3", BODY), BODY))
                        .answer()
                        .status())
                .isEqualTo(400);
    }

    @Test
    void providerRetryWithTheSameIdIsADuplicateAndAVerbatimReplayIsRefused() {
        WebhookReceiver<StandardWebhooksScheme.Message<byte[]>> receiver = receiver(signer);
        Map<String, List<String>> first = signed("msg_retry", BODY);

        var accepted = receiver.receive(request(first, BODY));
        receiver.finish(((ReceiveResult.Accepted<StandardWebhooksScheme.Message<byte[]>>) accepted).delivery(), 200);
        var replay = receiver.receive(request(first, BODY));
        clock.advance(Duration.ofSeconds(30));
        var retry = receiver.receive(request(signed("msg_retry", BODY), BODY));

        assertThat(replay.answer().status()).isEqualTo(401);
        assertThat(((ReceiveResult.Rejected) replay).rejection().code()).isEqualTo(ErrorCode.WEBHOOK_SIGNATURE_INVALID);
        assertThat(retry).isInstanceOf(ReceiveResult.Duplicate.class);
        assertThat(retry.answer().status()).isEqualTo(200);
    }

    @Test
    void providerRetryAfterAFailedAttemptRunsTheHandlerAgain() {
        WebhookReceiver<StandardWebhooksScheme.Message<byte[]>> receiver = receiver(signer);

        var first = receiver.receive(request(signed("msg_failed", BODY), BODY));
        receiver.finish(((ReceiveResult.Accepted<StandardWebhooksScheme.Message<byte[]>>) first).delivery(), 500);
        clock.advance(Duration.ofSeconds(5));
        var retry = receiver.receive(request(signed("msg_failed", BODY), BODY));

        assertThat(retry).isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void timestampWindowIsFiveMinutesBothWays() {
        WebhookReceiver<StandardWebhooksScheme.Message<byte[]>> receiver = receiver(signer);
        Instant at = clock.instant();

        assertThat(receiver.receive(request(signer.sign("msg_w1", at.minusSeconds(300), BODY), BODY)))
                .isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(receiver.receive(request(signer.sign("msg_w2", at.plusSeconds(300), BODY), BODY)))
                .isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(receiver.receive(request(signer.sign("msg_w3", at.minusSeconds(301), BODY), BODY))
                        .answer()
                        .status())
                .isEqualTo(401);
        assertThat(receiver.receive(request(signer.sign("msg_w4", at.plusSeconds(301), BODY), BODY))
                        .answer()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void rotationHoldsSeveralSecretsAndPublicKeys() {
        StandardWebhooksScheme<byte[]> old =
                StandardWebhooksScheme.builder().secret(OTHER_SECRET).build();
        WebhookReceiver<?> receiver = receiver(StandardWebhooksScheme.builder()
                .secret(SECRET)
                .secret(OTHER_SECRET)
                .publicKey(PUBLIC_KEY)
                .build());

        assertThat(receiver.receive(request(old.sign("msg_old", NOW, BODY), BODY)))
                .isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(receiver.receive(request(signed("msg_new", BODY), BODY))).isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void malformedOrMissingHeadersAre401NeverA5xx() {
        WebhookReceiver<StandardWebhooksScheme.Message<byte[]>> receiver = receiver(signer);
        Map<String, List<String>> good = signed("msg_headers", BODY);
        List<Map<String, List<String>>> bad = new ArrayList<>();
        for (String header : List.of(
                StandardWebhooksScheme.ID_HEADER,
                StandardWebhooksScheme.TIMESTAMP_HEADER,
                StandardWebhooksScheme.SIGNATURE_HEADER)) {
            Map<String, List<String>> missing = new LinkedHashMap<>(good);
            missing.remove(header);
            bad.add(missing);
            Map<String, List<String>> twice = new LinkedHashMap<>(good);
            twice.put(header, List.of(good.get(header).get(0), good.get(header).get(0)));
            bad.add(twice);
        }
        Map<String, List<String>> longId = new LinkedHashMap<>(good);
        longId.put(StandardWebhooksScheme.ID_HEADER, List.of("m".repeat(256)));
        bad.add(longId);
        Map<String, List<String>> controlId = new LinkedHashMap<>(good);
        controlId.put(StandardWebhooksScheme.ID_HEADER, List.of("msg\u0001"));
        bad.add(controlId);

        for (Map<String, List<String>> headers : bad) {
            ReceiveResult<?> result = receiver.receive(request(headers, BODY));
            assertThat(result.answer().status()).as(headers.keySet().toString()).isEqualTo(401);
            assertThat(((ReceiveResult.Rejected) result).rejection().code())
                    .isEqualTo(ErrorCode.WEBHOOK_SIGNATURE_INVALID);
            assertThat(new String(result.answer().body(), StandardCharsets.UTF_8))
                    .doesNotContain(good.get(StandardWebhooksScheme.SIGNATURE_HEADER)
                            .get(0)
                            .substring(3));
        }
    }

    @Test
    void randomHeadersNeverThrowNorAnswer5xx() {
        var receiver = receiver(StandardWebhooksScheme.builder()
                .secret(SECRET)
                .publicKey(PUBLIC_KEY)
                .build());
        String valid = signed("msg_fuzz", BODY)
                .get(StandardWebhooksScheme.SIGNATURE_HEADER)
                .get(0);
        String alphabet = "v1a, =+/.AZaz09_\t\u00e9";
        Random random = new Random(18);
        for (int i = 0; i < 3000; i++) {
            StringBuilder signature = new StringBuilder(random.nextBoolean() ? valid : "");
            int extra = random.nextInt(random.nextInt(10) == 0 ? 5000 : 120);
            for (int j = 0; j < extra; j++) {
                signature.insert(
                        random.nextInt(signature.length() + 1), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String id = random.nextBoolean() ? "msg_fuzz" : "msg_" + random.nextInt(1000) + (i % 7 == 0 ? "." : "");
            String ts = random.nextBoolean()
                    ? Long.toString(NOW.getEpochSecond())
                    : Long.toString(random.nextLong() % 100_000_000_000_000L);
            Map<String, List<String>> headers = Map.of(
                    "Content-Type",
                    List.of("application/json"),
                    StandardWebhooksScheme.ID_HEADER,
                    List.of(id),
                    StandardWebhooksScheme.TIMESTAMP_HEADER,
                    List.of(ts),
                    StandardWebhooksScheme.SIGNATURE_HEADER,
                    List.of(signature.toString()));

            var result = receiver.receive(request(headers, BODY));

            if (result instanceof ReceiveResult.Accepted<StandardWebhooksScheme.Message<byte[]>> accepted) {
                receiver.finish(accepted.delivery(), 200);
            } else {
                assertThat(result.answer().status()).isLessThan(500);
            }
        }
    }

    @Test
    void malformedKeysAreRefusedAtBuildTimeWithoutPrintingThem() {
        List<String> secrets = List.of(
                "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-w", // '-' is not standard base64
                "whsec_" + Base64.getEncoder().encodeToString(new byte[23]).replace("=", ""), // 23 bytes
                "whsec_" + Base64.getEncoder().encodeToString(new byte[65]),
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", // no prefix
                "whsec_",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS===");
        for (String secret : secrets) {
            assertThatThrownBy(() -> StandardWebhooksScheme.builder().secret(secret))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(messages(e))
                            .doesNotContain(secret.length() > 16 ? secret.substring(6, 16) : "\u0000"));
        }
        List<String> publicKeys = List.of(
                "whpk_" + Base64.getEncoder().encodeToString(new byte[31]),
                "whpk_" + Base64.getEncoder().encodeToString(new byte[33]),
                "whsec_" + PUBLIC_KEY.substring(5),
                "whpk_L9KPQ8b6uuDKEaM+E/HLxp2kqdCVwD3r547194+Ye0I*");
        for (String publicKey : publicKeys) {
            assertThatThrownBy(() -> StandardWebhooksScheme.builder().publicKey(publicKey))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        String seed = "2JeG76XcD6aeIoBUE8Hqp0kTOR2HEogRnu7feDX8Nac=";
        byte[] mismatched = new byte[64];
        System.arraycopy(Base64.getDecoder().decode(seed), 0, mismatched, 0, 32);
        mismatched[40] = 1;
        List<String> signingKeys = List.of(
                "whsk_" + Base64.getEncoder().encodeToString(new byte[31]),
                "whsk_" + Base64.getEncoder().encodeToString(mismatched),
                "whpk_" + seed);
        for (String signingKey : signingKeys) {
            assertThatThrownBy(() -> StandardWebhooksScheme.builder().signingKey(signingKey))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(messages(e)).doesNotContain(signingKey.substring(5, 15)));
        }
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    @Test
    void builderAndReceiverRefuseConflictingSettings() {
        assertThatThrownBy(() -> StandardWebhooksScheme.builder().build()).isInstanceOf(IllegalStateException.class);
        WebhookReceiver.Builder<?> withSecrets =
                WebhookReceiver.builder(signer).secrets(WebhookSecret.of("text-secret"));
        assertThatThrownBy(withSecrets::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(StandardWebhooksScheme.NAME);
        StandardWebhooksScheme.Builder<byte[]> full = StandardWebhooksScheme.builder();
        for (int i = 0; i < StandardWebhooksScheme.MAX_KEYS; i++) {
            full.secret(SECRET);
        }
        assertThatThrownBy(() -> full.secret(SECRET)).isInstanceOf(IllegalArgumentException.class);
        StandardWebhooksScheme<byte[]> verifyOnly =
                StandardWebhooksScheme.builder().publicKey(PUBLIC_KEY).build();
        assertThatThrownBy(() -> verifyOnly.sign("msg_x", NOW, BODY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> signer.sign("msg.x", NOW, BODY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("msg_x", Instant.ofEpochSecond(-1), BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringRevealsNoKey() {
        StandardWebhooksScheme<byte[]> scheme = StandardWebhooksScheme.builder()
                .secret(SECRET)
                .publicKey(PUBLIC_KEY)
                .signingKey("whsk_2JeG76XcD6aeIoBUE8Hqp0kTOR2HEogRnu7feDX8Nac=")
                .build();

        assertThat(scheme.toString())
                .isEqualTo("StandardWebhooksScheme[payload=byte[], secrets=1, publicKeys=1, signingKeys=1]");
    }

    @Test
    void spiSigningDerivesAStableIdFromTheBodyAndVerifies() {
        WebhookSecret raw = WebhookSecret.ofBytes(Base64.getDecoder().decode(SECRET.substring(6)));

        Map<String, List<String>> first = signer.sign(List.of(raw), NOW, BODY);
        Map<String, List<String>> again = signer.sign(List.of(raw), NOW.plusSeconds(9), BODY);

        String id = first.get(StandardWebhooksScheme.ID_HEADER).get(0);
        assertThat(id).startsWith("msg_").hasSize(36);
        assertThat(again.get(StandardWebhooksScheme.ID_HEADER)).containsExactly(id);
        assertThat(first.get(StandardWebhooksScheme.SIGNATURE_HEADER))
                .isEqualTo(signer.sign(id, NOW, BODY).get(StandardWebhooksScheme.SIGNATURE_HEADER));
        assertThat(receiver(signer).receive(request(first, BODY))).isInstanceOf(ReceiveResult.Accepted.class);
        assertThatThrownBy(() -> signer.sign(List.of(), NOW, BODY)).isInstanceOf(IllegalArgumentException.class);
    }
}
