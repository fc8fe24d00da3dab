package com.webriskops.webhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The receiver conformance suite for <em>your</em> endpoint: extend it in your test sources, say
 * where the endpoint is and which secret it verifies with, and your build checks every answer the
 * kit's receivers give, as a sender sees it.
 *
 * <pre>{@code
 * class MyEndpointConformanceTest extends ReceiverConformance {
 *     @Override
 *     protected ConformanceTarget target() {
 *         return ConformanceTarget.url(URI.create("http://localhost:8080/webhooks"), "my-endpoint-secret");
 *     }
 * }
 * }</pre>
 *
 * <p>For a Vicket endpoint add {@link ConformanceTarget#vicket()}; for a Standard Webhooks endpoint use
 * {@link ConformanceTarget#standardWebhooks} with its {@code whsec_} secret and an event it accepts.
 *
 * <p>The endpoint must be running when a test starts (start it in {@code @BeforeAll}, or let your
 * framework's test support start it), verify deliveries with the kit's receiver (or any receiver that
 * obeys the same rules) and answer 2xx from its handler for a valid delivery. Every test sends new
 * deliveries with their own keys, so the suite can run against an endpoint that keeps state between
 * runs, and it never needs a handler that fails on purpose. It checks, for the target's scheme:
 *
 * <ul>
 *   <li>valid deliveries (multi-byte text, unknown members, a rotated secret) are answered 2xx;
 *   <li>tampered, wrongly signed, stale, future, unsigned and malformed ones are answered 401
 *       {@code WEBHOOK_SIGNATURE_INVALID}; a wrong content type or encoding 415; a body that is not
 *       JSON 400; a body over the limit 413; an invalid payload 422 listing each violation;
 *   <li>a replayed delivery is refused (or answered as a duplicate, for schemes whose replay is the
 *       sender's redelivery); a retry of a completed delivery is answered {@code duplicate}; concurrent
 *       retries of one delivery reach the handler once;
 *   <li>problem answers are {@code application/problem+json} and never echo the secret or the
 *       signature.
 * </ul>
 *
 * <p>The rules that need a handler that fails on demand, a failing store or a fixed clock (handler
 * 500 and exceptions, 503 when a store is down, the edges of the time window) are in {@link
 * ReceiverConformanceSuite}, which runs an adapter around the kit's receiver rather than a finished
 * endpoint. Each test gets a new instance and calls {@link #target()} once.
 */
public abstract class ReceiverConformance {
    private static final String SIGNATURE_INVALID = "WEBHOOK_SIGNATURE_INVALID";
    private static final String VALIDATION_FAILED = "WEBHOOK_VALIDATION_FAILED";
    private static final WebhookSecret NOT_THE_SECRET =
            WebhookSecret.of("not-the-endpoint-secret-" + UUID.randomUUID());

    private ConformanceTarget target;

    /** The endpoint under test; called once per test, after your framework has injected its fields. */
    protected abstract ConformanceTarget target();

    private ConformanceTarget resolved() {
        if (target == null) {
            target = java.util.Objects.requireNonNull(target(), "target() returned null");
        }
        return target;
    }

    private SchemeFixture scheme() {
        return resolved().scheme();
    }

    /** The endpoint's "now", to the second, as a sender's clock would read it. */
    private Instant now() {
        return resolved().clock().instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** {@code delivery} signed as a sender of the endpoint's first secret signs it, now. */
    private DeliveryBuilder<?> signed(DeliveryBuilder<?> delivery) {
        return delivery.signedWith(resolved().secrets().get(0)).timestamp(now());
    }

    private DeliveryBuilder<?> valid() {
        return signed(scheme().delivery());
    }

    private Response post(SignedDelivery delivery) throws Exception {
        return resolved().transport().post(delivery.headers(), delivery.body());
    }

    // --- accepted ------------------------------------------------------------------------------

    @Test
    void validDeliveryIsAccepted() throws Exception {
        Response response = post(valid().build());

        assertAccepted(response);
    }

    @Test
    void multiByteUtf8PayloadIsAccepted() throws Exception {
        Response response = post(
                valid().editJson(scheme().summaryIs("Café ☕ checkout 🛒 — ÅÄÖ")).build());

        assertAccepted(response);
    }

    @Test
    void unknownMembersAreTolerated() throws Exception {
        Response response = post(valid().editJson(scheme().unknownMembers()).build());

        assertAccepted(response);
    }

    /** A sender mid-rotation signs with a secret the endpoint no longer (or not yet) holds, and a held one. */
    @Test
    void deliverySignedWithARetiredSecretAndAHeldOneIsAccepted() throws Exception {
        for (WebhookSecret held : resolved().secrets()) {
            WebhookSecret retired = WebhookSecret.of("retired-secret-" + UUID.randomUUID());

            Response response = post(scheme().delivery()
                    .timestamp(now())
                    .signedWith(retired, held)
                    .build());

            assertAccepted(response);
        }
    }

    // --- refused -------------------------------------------------------------------------------

    @Test
    void tamperedDeliveryIsRefused() throws Exception {
        SignedDelivery valid = valid().build();
        byte[] tampered = scheme().tampered(valid.body());
        assertThat(tampered).isNotEqualTo(valid.body());

        assertRefused(post(valid.withBody(tampered)), 401, SIGNATURE_INVALID);
    }

    @Test
    void deliverySignedWithAnotherSecretIsRefused() throws Exception {
        assertRefused(post(valid().signedWith(NOT_THE_SECRET).build()), 401, SIGNATURE_INVALID);
    }

    @Test
    void staleDeliveryIsRefused() throws Exception {
        assertRefused(post(valid().stale().build()), 401, SIGNATURE_INVALID);
    }

    @Test
    void deliveryFromTheFutureIsRefused() throws Exception {
        assertRefused(
                post(valid().timestamp(now().plus(DeliveryBuilder.STALENESS)).build()), 401, SIGNATURE_INVALID);
    }

    @Test
    void unsignedDeliveryIsRefused() throws Exception {
        assertRefused(post(valid().without(scheme().signatureHeader()).build()), 401, SIGNATURE_INVALID);
    }

    @TestFactory
    Stream<DynamicTest> malformedSignatureInputsAreRefused() {
        List<DeliveryBuilder<?>> malformed = scheme().malformedSignatures();
        return malformed.stream()
                .map(delivery -> dynamicTest(
                        "malformed signature input " + (malformed.indexOf(delivery) + 1),
                        () -> assertRefused(post(signedKeepingOverrides(delivery)), 401, SIGNATURE_INVALID)));
    }

    @Test
    void wrongContentTypeIsRefused() throws Exception {
        assertRefused(
                post(valid().header(WebhookHeaders.CONTENT_TYPE, "text/plain").build()), 415, VALIDATION_FAILED);
    }

    @Test
    void compressedBodyIsRefused() throws Exception {
        assertRefused(
                post(valid().header(WebhookHeaders.CONTENT_ENCODING, "gzip").build()), 415, VALIDATION_FAILED);
    }

    @Test
    void signedBodyThatIsNotJsonIsRefused() throws Exception {
        assertRefused(
                post(valid().rawBody("{not json".getBytes(StandardCharsets.UTF_8))
                        .build()),
                400,
                VALIDATION_FAILED);
    }

    @Test
    void bodyOverTheLimitIsRefused() throws Exception {
        byte[] big = new byte[resolved().maxBodyBytes() + 1];
        Arrays.fill(big, (byte) ' ');

        assertRefused(post(valid().rawBody(big).build()), 413, VALIDATION_FAILED);
    }

    @TestFactory
    Stream<DynamicTest> invalidPayloadIsRefusedListingEachViolation() {
        return scheme().invalidPayloads().stream()
                .map(invalid -> dynamicTest(invalid.name(), () -> {
                    Response response = post(signed(invalid.delivery()).build());

                    assertRefused(response, 422, VALIDATION_FAILED);
                    if (invalid.exactly()) {
                        assertThat(ConformanceCases.violationFields(response))
                                .as("violations listed for %s", invalid.name())
                                .containsExactlyElementsOf(invalid.fields());
                    } else {
                        assertThat(ConformanceCases.violationFields(response))
                                .as("violations listed for %s", invalid.name())
                                .containsAll(invalid.fields());
                    }
                }));
    }

    // --- replays and retries -------------------------------------------------------------------

    /**
     * The same signed bytes twice: refused as a used nonce (401), or, for schemes whose replay id is
     * the message itself (Vicket), answered as the sender's redelivery of a completed delivery.
     */
    @Test
    void replayedDeliveryIsNotHandledTwice() throws Exception {
        SignedDelivery delivery = valid().build();
        assertAccepted(post(delivery));

        Response replay = post(delivery);

        if (scheme().receiver(resolved().secrets()).build().scheme().duplicateGuardFirst()) {
            ConformanceCases.assertDuplicate(replay);
        } else {
            assertRefused(replay, 401, SIGNATURE_INVALID);
        }
    }

    @Test
    void retryOfACompletedDeliveryAnswersDuplicate() throws Exception {
        String key = "conformance-retry-" + UUID.randomUUID();
        assertAccepted(post(retry(key, 1)));

        Response retry = post(retry(key, 2));

        ConformanceCases.assertDuplicate(retry);
    }

    @Test
    void concurrentRetriesOfOneDeliveryReachTheHandlerOnce() throws Exception {
        String key = "conformance-race-" + UUID.randomUUID();
        int threads = 8;
        List<SignedDelivery> tries = new ArrayList<>();
        for (int attempt = 1; attempt <= threads; attempt++) {
            tries.add(retry(key, attempt));
        }
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Response> answers = new ArrayList<>();
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (SignedDelivery delivery : tries) {
                futures.add(executor.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    return post(delivery);
                }));
            }
            for (Future<Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }

        for (Response answer : answers) {
            assertThat(answer.status())
                    .as("each concurrent retry is handled, a duplicate, or in progress (429): %s", answer.bodyText())
                    .satisfiesAnyOf(
                            status -> assertThat(status).isBetween(200, 299),
                            status -> assertThat(status).isEqualTo(429));
        }
        assertThat(answers.stream().filter(ReceiverConformance::handled).count())
                .as("answers from the handler itself (not duplicate, not 429)")
                .isEqualTo(1);
    }

    // --- what answers never say ----------------------------------------------------------------

    @Test
    void problemAnswersNeverEchoTheSecretOrTheSignature() throws Exception {
        SignedDelivery stale = valid().stale().build();

        Response response = post(stale);

        assertRefused(response, 401, SIGNATURE_INVALID);
        for (WebhookSecret secret : resolved().secrets()) {
            assertThat(secret.occursIn(response.body()))
                    .as("the answer holds the endpoint's secret")
                    .isFalse();
        }
        for (String part : scheme().signatureParts(stale)) {
            assertThat(response.bodyText()).doesNotContain(part);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Try {@code attempt} of the delivery keyed {@code key}, signed now (plus a second per retry). */
    private SignedDelivery retry(String key, int attempt) {
        return scheme().retry(key, attempt)
                .signedWith(resolved().secrets().get(0))
                .timestamp(now().plusSeconds(attempt - 1L))
                .build();
    }

    /** A malformed delivery re-signed with the endpoint's secret, now; its malformed headers stay. */
    private SignedDelivery signedKeepingOverrides(DeliveryBuilder<?> delivery) {
        return delivery.signedWith(resolved().secrets().get(0)).timestamp(now()).build();
    }

    private static boolean handled(Response response) {
        return response.status() >= 200 && response.status() < 300 && !isDuplicate(response);
    }

    private static boolean isDuplicate(Response response) {
        try {
            return response.status() == 200
                    && "duplicate"
                            .equals(WebhookJson.mapper()
                                    .readTree(response.body())
                                    .path("status")
                                    .asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void assertAccepted(Response response) {
        assertThat(response.status())
                .as("status of a valid delivery (answer: %s)", response.bodyText())
                .isBetween(200, 299);
        assertThat(isDuplicate(response))
                .as("a new delivery answered as a duplicate")
                .isFalse();
    }

    private static void assertRefused(Response response, int status, String code) throws IOException {
        ConformanceCases.assertProblem(response, status, code);
    }

    /** Names the target in the report. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + (target == null ? "target not resolved" : target) + "]";
    }
}
