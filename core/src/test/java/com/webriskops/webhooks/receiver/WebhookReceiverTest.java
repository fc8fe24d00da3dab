package com.webriskops.webhooks.receiver;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static com.webriskops.webhooks.testing.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import jakarta.annotation.Nullable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pipeline behaviour beyond the conformance suite: bounds, stores, listener, builder. */
class WebhookReceiverTest {
    /** How the default receiver's keys are stored: under its scheme's name and the empty namespace. */
    private static final String STORED = "ticket-export.webhook.v1::";

    private final MutableClock clock = new MutableClock(NOW);

    private WebhookReceiver.Builder<TicketExportWebhook> receiver() {
        return WebhookReceiver.builder().secrets(SECRET).clock(clock);
    }

    @Test
    void buildRefusesASecretShorterThanSixteenBytesWithoutNamingIt() {
        String fifteen = "fifteen-bytes!!";
        for (WebhookSecret tooShort :
                List.of(WebhookSecret.of(fifteen), WebhookSecret.ofBytes(fifteen.getBytes(StandardCharsets.UTF_8)))) {
            WebhookReceiver.Builder<TicketExportWebhook> builder =
                    WebhookReceiver.builder().secrets(SECRET, tooShort);
            assertThatThrownBy(builder::build)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shorter than 16 bytes")
                    .hasMessageContaining("WebhookSecret.forTesting")
                    .hasMessageNotContaining(fifteen);
        }
        // Sixteen bytes, a declared test key, or secrets replaced by a resolver: accepted.
        assertThat(WebhookReceiver.builder()
                        .secrets(WebhookSecret.of("sixteen-bytes!!!"))
                        .build())
                .isNotNull();
        WebhookReceiver<TicketExportWebhook> testKey = WebhookReceiver.builder()
                .secrets(WebhookSecret.forTesting("s"))
                .clock(clock)
                .build();
        TestDeliveries.Request signed =
                delivery().signedWith(WebhookSecret.forTesting("s")).build();
        assertThat(testKey.receive(InboundRequest.of(signed.headers(), signed.body())))
                .isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(WebhookReceiver.builder()
                        .secrets(WebhookSecret.of(fifteen))
                        .secretResolver(request -> List.of(SECRET))
                        .build())
                .isNotNull();
    }

    @Test
    void declaredOversizedBodyIsRejectedWithoutReadingIt() {
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().maxBodyBytes(1024).build();
        InboundRequest request = new InboundRequest() {
            @Override
            public List<String> headers(String name) {
                return name.equalsIgnoreCase(WebhookHeaders.CONTENT_LENGTH) ? List.of("1025") : List.of();
            }

            @Override
            public InputStream body() {
                throw new AssertionError("the body must not be read");
            }
        };

        Rejection rejection = rejection(receiver.receive(request));

        assertThat(rejection.status()).isEqualTo(413);
    }

    @Test
    void undeclaredOversizedBodyIsReadOnlyUpToTheLimitPlusOneByte() {
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().maxBodyBytes(1024).build();
        AtomicLong read = new AtomicLong();
        InboundRequest request = new InboundRequest() {
            @Override
            public List<String> headers(String name) {
                return name.equalsIgnoreCase(WebhookHeaders.CONTENT_TYPE) ? List.of("application/json") : List.of();
            }

            @Override
            public InputStream body() {
                return new InputStream() {
                    @Override
                    public int read() {
                        read.incrementAndGet();
                        return ' ';
                    }
                };
            }
        };

        Rejection rejection = rejection(receiver.receive(request));

        assertThat(rejection.status()).isEqualTo(413);
        assertThat(read.get()).isEqualTo(1025);
    }

    /**
     * {@code body} as a request whose stream hands out at most 7 bytes a read and says nothing is
     * available, with {@code Content-Length: declared} (none when null) beside the delivery's headers.
     */
    private static InboundRequest trickling(
            Map<String, List<String>> headers,
            byte[] body,
            @jakarta.annotation.Nullable Long declared,
            AtomicLong read) {
        InboundRequest plain = InboundRequest.of(headers, body);
        return new InboundRequest() {
            @Override
            public List<String> headers(String name) {
                if (name.equalsIgnoreCase(WebhookHeaders.CONTENT_LENGTH)) {
                    return declared == null ? List.of() : List.of(Long.toString(declared));
                }
                return plain.headers(name);
            }

            @Override
            public InputStream body() {
                return new java.io.ByteArrayInputStream(body) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        int n = super.read(b, off, Math.min(len, 7));
                        read.addAndGet(Math.max(n, 0));
                        return n;
                    }

                    @Override
                    public synchronized int read() {
                        int c = super.read();
                        read.addAndGet(c < 0 ? 0 : 1);
                        return c;
                    }

                    @Override
                    public synchronized int available() {
                        return 0;
                    }
                };
            }
        };
    }

    @Test
    void theBodyIsReadWholeWhateverLengthIsDeclaredOrAvailable() {
        TestDeliveries.Request signed = delivery().build();
        int length = signed.body().length;
        for (Long declared : java.util.Arrays.asList(null, 0L, (long) length - 10, (long) length, (long) length + 10)) {
            AtomicLong read = new AtomicLong();
            ReceiveResult<TicketExportWebhook> result =
                    receiver().build().receive(trickling(signed.headers(), signed.body(), declared, read));

            assertThat(result).as("declared %s", declared).isInstanceOf(ReceiveResult.Accepted.class);
            assertThat(((ReceiveResult.Accepted<TicketExportWebhook>) result)
                            .delivery()
                            .rawBody())
                    .isEqualTo(signed.body());
            assertThat(read.get()).isEqualTo(length);
        }
    }

    @Test
    void aBodyLongerThanDeclaredIsStillCutAtTheLimitPlusOneByte() {
        TestDeliveries.Request signed = delivery().build();
        int limit = signed.body().length - 1;
        for (Long declared : java.util.Arrays.asList(null, 10L, (long) limit)) {
            AtomicLong read = new AtomicLong();
            ReceiveResult<TicketExportWebhook> result = receiver()
                    .maxBodyBytes(limit)
                    .build()
                    .receive(trickling(signed.headers(), signed.body(), declared, read));

            assertThat(rejection(result).status()).as("declared %s", declared).isEqualTo(413);
            assertThat(read.get()).isLessThanOrEqualTo(limit + 1);
        }
        // Exactly at the limit: accepted.
        AtomicLong read = new AtomicLong();
        assertThat(receiver()
                        .maxBodyBytes(signed.body().length)
                        .build()
                        .receive(trickling(signed.headers(), signed.body(), 10L, read)))
                .isInstanceOf(ReceiveResult.Accepted.class);
    }

    @Test
    void anyMethodButPostIsAnswered405WithAllowPostBeforeTheBodyIsRead() {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request valid = delivery().build();
        for (String method : List.of("GET", "PUT", "HEAD", "post")) {
            InboundRequest request = new InboundRequest() {
                @Override
                public List<String> headers(String name) {
                    return valid.headers().getOrDefault(name, List.of());
                }

                @Override
                public InputStream body() {
                    throw new AssertionError("the body must not be read");
                }

                @Override
                public String method() {
                    return method;
                }
            };

            HttpAnswer answer = receiver.receive(request).answer();

            assertThat(answer.status()).as(method).isEqualTo(405);
            assertThat(answer.headers()).as(method).containsEntry("Allow", "POST");
        }
    }

    @Test
    void contentTypeWithCharsetOrJsonSuffixIsJson() {
        assertThat(WebhookReceiver.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(WebhookReceiver.isJson("Application/JSON")).isTrue();
        assertThat(WebhookReceiver.isJson("application/vnd.webriskops+json")).isTrue();
        assertThat(WebhookReceiver.isJson("text/json")).isFalse();
        assertThat(WebhookReceiver.isJson("application/jsonx")).isFalse();
        assertThat(WebhookReceiver.isJson(null)).isFalse();
    }

    @Test
    void problemDetailsFollowRfc9457WithTheCodeAndEachViolation() throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request request = delivery()
                .editJson(json -> json.withObjectProperty("ticket_export").remove("title"))
                .build();

        HttpAnswer answer = receiver.receive(InboundRequest.of(request.headers(), request.body()))
                .answer();

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = WebhookJson.mapper().readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("about:blank");
        assertThat(problem.path("title").asText()).isEqualTo("Unprocessable Content");
        assertThat(problem.path("status").asInt()).isEqualTo(422);
        assertThat(problem.path("code").asText()).isEqualTo("WEBHOOK_VALIDATION_FAILED");
        assertThat(problem.path("detail").asText()).contains("1 violation");
        assertThat(problem.path("violations").get(0).path("field").asText()).isEqualTo("ticket_export.title");
        assertThat(problem.path("violations").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void violationPathsUseWireNamesAndListIndexes() throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request request = delivery()
                .editJson(json -> {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json.withObjectProperty("ticket_export")
                                    .withArrayProperty("evidence_links")
                                    .get(0))
                            .remove("url");
                    json.withObjectProperty("ticket_export")
                            .withArrayProperty("labels")
                            .addNull();
                })
                .build();

        Rejection rejection = rejection(receiver.receive(InboundRequest.of(request.headers(), request.body())));

        assertThat(rejection.violations())
                .extracting(Violation::field)
                .containsExactly("ticket_export.evidence_links[0].url", "ticket_export.labels[1]");
    }

    @Test
    void nothingIsClaimedOrRecordedForRejectedDeliveries() {
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        WebhookReceiver<TicketExportWebhook> receiver = receiver()
                .idempotencyStore(keys)
                .policy(AllowListPolicy.builder().allowTargets(1).build())
                .build();

        for (TestDeliveries.Request request : List.of(
                delivery().signedWith(WebhookSecret.of("wrong")).build(),
                delivery().editJson(json -> json.put("attempt", -1)).build(),
                delivery().build())) {
            assertThat(receiver.receive(InboundRequest.of(request.headers(), request.body())))
                    .isInstanceOf(ReceiveResult.Rejected.class);
        }

        assertThat(keys.size()).isZero();
    }

    @Test
    void requestDataNeverForgesLogLines() throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().secretResolver(request -> List.of()).build();
        TestDeliveries.Request request = delivery().build();
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            receiver.receive(
                    InboundRequest.of(request.headers(), request.body(), "/webhooks/a\r\n[main] WARN forged line"));
        } finally {
            System.setErr(original);
        }

        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).contains("No webhook secret is configured for path /webhooks/a\\r\\n[main] WARN forged line");
        assertThat(log.lines()).noneMatch(line -> line.startsWith("[main] WARN forged"));
    }

    @Test
    void receiversSharingStoresKeepTheirNamespacesApart() {
        InMemoryReplayStore nonces = new InMemoryReplayStore();
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        WebhookReceiver<TicketExportWebhook> tenantA = receiver()
                .replayStore(nonces)
                .idempotencyStore(keys)
                .namespace("tenant-a")
                .build();
        WebhookReceiver<TicketExportWebhook> tenantB = receiver()
                .replayStore(nonces)
                .idempotencyStore(keys)
                .namespace("tenant-b")
                .build();
        TestDeliveries.Request request =
                delivery().idempotencyKey("shared-key").nonce("shared-nonce").build();

        VerifiedDelivery<TicketExportWebhook> a = accept(tenantA, request);
        assertThat(tenantA.finish(a, 200)).isEqualTo(WebhookReceiver.Finish.COMPLETED);
        VerifiedDelivery<TicketExportWebhook> b = accept(tenantB, request);
        assertThat(tenantB.finish(b, 200)).isEqualTo(WebhookReceiver.Finish.COMPLETED);

        assertThat(rejection(tenantA.receive(InboundRequest.of(request.headers(), request.body())))
                        .detail())
                .contains("nonce was used before");
        assertThat(keys.claim("ticket-export.webhook.v1:tenant-a:shared-key", clock.instant(), Duration.ofSeconds(1))
                        .state())
                .isEqualTo(Claim.State.COMPLETED);
        assertThat(keys.claim("shared-key", clock.instant(), Duration.ofSeconds(1))
                        .state())
                .isEqualTo(Claim.State.CLAIMED);
        assertThatThrownBy(() -> receiver().namespace("tenant:a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> receiver().namespace("t".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void finishCompletesOn2xxAndReleasesOtherwise() {
        InMemoryIdempotencyStore keys = new InMemoryIdempotencyStore();
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().idempotencyStore(keys).build();

        VerifiedDelivery<TicketExportWebhook> failed =
                accept(receiver, delivery().idempotencyKey("k1").build());
        assertThat(receiver.finish(failed, 502)).isEqualTo(WebhookReceiver.Finish.RELEASED);
        assertThat(keys.claim(STORED + "k1", clock.instant(), Duration.ofSeconds(1))
                        .state())
                .isEqualTo(Claim.State.CLAIMED);

        VerifiedDelivery<TicketExportWebhook> done =
                accept(receiver, delivery().idempotencyKey("k2").build());
        assertThat(receiver.finish(done, 204)).isEqualTo(WebhookReceiver.Finish.COMPLETED);
        assertThat(keys.claim(STORED + "k2", clock.instant(), Duration.ofSeconds(1))
                        .state())
                .isEqualTo(Claim.State.COMPLETED);
    }

    @Test
    void aSecondFinishNeitherCompletesTwiceNorReleasesTheCompletedKey() {
        CountingIdempotencyStore keys = new CountingIdempotencyStore();
        RecordingListener listener = new RecordingListener(null, "finished");
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().idempotencyStore(keys).listener(listener).build();
        VerifiedDelivery<TicketExportWebhook> delivery =
                accept(receiver, delivery().idempotencyKey("k").build());

        assertThat(receiver.finish(delivery, 200)).isEqualTo(WebhookReceiver.Finish.COMPLETED);
        assertThat(receiver.finish(delivery, 200)).isEqualTo(WebhookReceiver.Finish.ALREADY_FINISHED);
        assertThat(receiver.finish(delivery, 500)).isEqualTo(WebhookReceiver.Finish.ALREADY_FINISHED);
        assertThat(receiver.abandon(delivery)).isEqualTo(WebhookReceiver.Finish.ALREADY_FINISHED);

        assertThat(keys.completes).hasValue(1);
        assertThat(keys.releases).hasValue(0);
        assertThat(listener.events).containsExactly("finished 200 true");
        TestDeliveries.Request retry = delivery().idempotencyKey("k").attempt(2).build();
        assertThat(receiver.receive(InboundRequest.of(retry.headers(), retry.body())))
                .isEqualTo(new ReceiveResult.Duplicate<>("k"));
    }

    @Test
    void aFinishAfterAbandonDoesNotCompleteTheReleasedKey() {
        CountingIdempotencyStore keys = new CountingIdempotencyStore();
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().idempotencyStore(keys).build();
        VerifiedDelivery<TicketExportWebhook> delivery =
                accept(receiver, delivery().idempotencyKey("k").build());

        assertThat(receiver.abandon(delivery)).isEqualTo(WebhookReceiver.Finish.RELEASED);
        assertThat(receiver.finish(delivery, 200)).isEqualTo(WebhookReceiver.Finish.ALREADY_FINISHED);

        assertThat(keys.completes).hasValue(0);
        assertThat(keys.releases).hasValue(1);
        accept(receiver, delivery().idempotencyKey("k").attempt(2).build());
    }

    @Test
    void concurrentFinishesOfOneDeliveryRecordItOnce() throws Exception {
        CountingIdempotencyStore keys = new CountingIdempotencyStore();
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().idempotencyStore(keys).build();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int run = 0; run < 50; run++) {
                VerifiedDelivery<TicketExportWebhook> delivery =
                        accept(receiver, delivery().idempotencyKey("k" + run).build());
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<WebhookReceiver.Finish> finish = () -> {
                    start.await();
                    return receiver.finish(delivery, 200);
                };
                Future<WebhookReceiver.Finish> a = threads.submit(finish);
                Future<WebhookReceiver.Finish> b = threads.submit(finish);

                assertThat(List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS)))
                        .as("run " + run)
                        .containsExactlyInAnyOrder(
                                WebhookReceiver.Finish.COMPLETED, WebhookReceiver.Finish.ALREADY_FINISHED);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(keys.completes).hasValue(50);
    }

    @Test
    void aHandlerOutlivingItsLeaseCannotCompleteTheNewerClaim() {
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().claimLease(Duration.ofSeconds(30)).build();
        VerifiedDelivery<TicketExportWebhook> slow =
                accept(receiver, delivery().idempotencyKey("k").build());

        clock.advance(Duration.ofSeconds(31));
        VerifiedDelivery<TicketExportWebhook> retry =
                accept(receiver, delivery().idempotencyKey("k").attempt(2).build());

        assertThat(receiver.finish(slow, 200)).isEqualTo(WebhookReceiver.Finish.EXPIRED);
        assertThat(receiver.finish(retry, 200)).isEqualTo(WebhookReceiver.Finish.COMPLETED);
    }

    @Test
    void inProgressRetryAfterIsTheRemainingLease() {
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().claimLease(Duration.ofSeconds(90)).build();
        accept(receiver, delivery().idempotencyKey("k").build());
        clock.advance(Duration.ofMillis(30_500));
        TestDeliveries.Request retry =
                delivery().idempotencyKey("k").timestamp(clock.instant()).build();

        Rejection rejection = rejection(receiver.receive(InboundRequest.of(retry.headers(), retry.body())));

        assertThat(rejection.code()).isEqualTo(ErrorCode.WEBHOOK_DELIVERY_IN_PROGRESS);
        assertThat(rejection.retryAfterHeader()).isEqualTo("60");
    }

    @Test
    void listenerTimesEveryDecisionAndHearsReplays() {
        RecordingListener listener = new RecordingListener("verified", "verified", "replayed", "rejected");
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().listener(listener).build();
        TestDeliveries.Request request = delivery().nonce("nonce-once").build();

        VerifiedDelivery<TicketExportWebhook> delivery = accept(receiver, request);
        receiver.finish(delivery, 200);
        receiver.receive(InboundRequest.of(request.headers(), request.body()));

        assertThat(listener.events)
                .containsExactly(
                        "verified Accepted true",
                        "replayed nonce-once",
                        "rejected WEBHOOK_SIGNATURE_INVALID 401",
                        "verified Rejected true");
    }

    @Test
    void listenerSeesEveryOutcomeAndItsFailuresAreContained() {
        RecordingListener listener = new RecordingListener("accepted", "accepted", "duplicate", "rejected", "finished");
        WebhookReceiver<TicketExportWebhook> receiver =
                receiver().listener(listener).build();

        VerifiedDelivery<TicketExportWebhook> delivery =
                accept(receiver, delivery().idempotencyKey("k").build());
        receiver.finish(delivery, 200);
        TestDeliveries.Request retry = delivery().idempotencyKey("k").attempt(2).build();
        receiver.receive(InboundRequest.of(retry.headers(), retry.body()));
        receiver.receive(InboundRequest.of(Map.of(), new byte[0]));

        assertThat(listener.events)
                .containsExactly(
                        "accepted 1", "finished 200 true", "duplicate k", "rejected WEBHOOK_VALIDATION_FAILED 415");
    }

    @Test
    void secretResolverSeesTheRequestPathAndAnEmptyAnswerIsA401() {
        List<String> paths = new ArrayList<>();
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .clock(clock)
                .secretResolver(request -> {
                    paths.add(request.path());
                    return "/hooks/a".equals(request.path()) ? List.of(SECRET) : List.of();
                })
                .build();
        TestDeliveries.Request first = delivery().build();
        TestDeliveries.Request second = delivery().build();

        ReceiveResult<TicketExportWebhook> a =
                receiver.receive(InboundRequest.of(first.headers(), first.body(), "/hooks/a"));
        ReceiveResult<TicketExportWebhook> b =
                receiver.receive(InboundRequest.of(second.headers(), second.body(), "/hooks/b"));

        assertThat(a).isInstanceOf(ReceiveResult.Accepted.class);
        assertThat(rejection(b).code()).isEqualTo(ErrorCode.WEBHOOK_SIGNATURE_INVALID);
        assertThat(paths).containsExactly("/hooks/a", "/hooks/b");
    }

    @Test
    void repeatedOrOutOfRangeSignatureInputsAreInvalidSignaturesNotErrors() {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request valid = delivery().build();
        Map<String, List<String>> twice = new LinkedHashMap<>(valid.headers());
        twice.put(WebhookHeaders.TIMESTAMP, List.of("1766203200", "1766203200"));
        Map<String, List<String>> farFuture = new LinkedHashMap<>(valid.headers());
        farFuture.put(WebhookHeaders.TIMESTAMP, List.of("999999999999"));

        assertThat(rejection(receiver.receive(InboundRequest.of(twice, valid.body())))
                        .status())
                .isEqualTo(401);
        assertThat(rejection(receiver.receive(InboundRequest.of(farFuture, valid.body())))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void overlongIdempotencyKeyIsAViolation() {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request request =
                delivery().idempotencyKey("k".repeat(256)).build();

        Rejection rejection = rejection(receiver.receive(InboundRequest.of(request.headers(), request.body())));

        assertThat(rejection.status()).isEqualTo(422);
        assertThat(rejection.violations())
                .extracting(Violation::field)
                .contains(WebhookHeaders.IDEMPOTENCY_KEY, "idempotency_key");
    }

    @Test
    void verifiedDeliveryExposesTheSignedInputs() {
        WebhookReceiver<TicketExportWebhook> receiver = receiver().build();
        TestDeliveries.Request request = delivery().attempt(3).build();

        VerifiedDelivery<TicketExportWebhook> delivery = accept(receiver, request);

        assertThat(delivery.rawBody()).isEqualTo(request.body());
        assertThat(delivery.bodyLength()).isEqualTo(request.body().length);
        assertThat(delivery.attempt()).isEqualTo(3);
        assertThat(delivery.nonce()).isEqualTo(request.nonce());
        assertThat(delivery.timestamp()).isEqualTo(NOW);
        assertThat(delivery.receivedAt()).isEqualTo(NOW);
        assertThat(delivery.toString()).doesNotContain("sha256");
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> WebhookReceiver.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secrets");
        assertThatThrownBy(() -> WebhookReceiver.builder().secrets(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().maxBodyBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().timestampTolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().claimLease(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().clock(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().claimLease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder().secretResolver(null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> WebhookReceiver.builder(null)).isInstanceOf(NullPointerException.class);
        assertThat(WebhookReceiver.builder().secrets(SECRET).build().toString())
                .doesNotContain(TestDeliveries.SECRET_TEXT);
    }

    @Test
    void builderIsReusableAfterBuild() {
        WebhookReceiver.Builder<TicketExportWebhook> builder = receiver().maxBodyBytes(10);
        WebhookReceiver<TicketExportWebhook> small = builder.build();
        WebhookReceiver<TicketExportWebhook> large =
                builder.maxBodyBytes(1 << 20).build();

        assertThat(small.maxBodyBytes()).isEqualTo(10);
        assertThat(large.maxBodyBytes()).isEqualTo(1 << 20);
    }

    private static VerifiedDelivery<TicketExportWebhook> accept(
            WebhookReceiver<TicketExportWebhook> receiver, TestDeliveries.Request request) {
        ReceiveResult<TicketExportWebhook> result =
                receiver.receive(InboundRequest.of(request.headers(), request.body()));
        assertThat(result).isInstanceOf(ReceiveResult.Accepted.class);
        return ((ReceiveResult.Accepted<TicketExportWebhook>) result).delivery();
    }

    private static Rejection rejection(ReceiveResult<?> result) {
        assertThat(result).isInstanceOf(ReceiveResult.Rejected.class);
        return ((ReceiveResult.Rejected<?>) result).rejection();
    }

    /** An in-memory store that counts the completions and releases it records. */
    private static final class CountingIdempotencyStore implements IdempotencyStore {
        private final InMemoryIdempotencyStore delegate = new InMemoryIdempotencyStore();
        final AtomicInteger completes = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();

        @Override
        public Claim claim(String key, Instant now, Duration lease) {
            return delegate.claim(key, now, lease);
        }

        @Override
        public boolean complete(String key, String token, Instant now, Duration retention) {
            completes.incrementAndGet();
            return delegate.complete(key, token, now, retention);
        }

        @Override
        public boolean release(String key, String token) {
            releases.incrementAndGet();
            return delegate.release(key, token);
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            return delegate.purgeExpired(now, limit);
        }
    }

    /**
     * Records the events of the {@code kinds} given, as {@code "kind detail"} in the order heard, and throws
     * from the {@code failing} one after recording it, as a listener with a bug would.
     */
    private static final class RecordingListener implements VerificationListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final @Nullable String failing;
        private final Set<String> kinds;

        RecordingListener(@Nullable String failing, String... kinds) {
            this.failing = failing;
            this.kinds = Set.of(kinds);
        }

        private void record(String kind, Object detail) {
            if (kinds.contains(kind)) {
                events.add(kind + " " + detail);
            }
            if (kind.equals(failing)) {
                throw new IllegalStateException("listener bug");
            }
        }

        @Override
        public void onAccepted(VerifiedDelivery<?> delivery) {
            record("accepted", delivery.attempt());
        }

        @Override
        public void onDuplicate(String idempotencyKey) {
            record("duplicate", idempotencyKey);
        }

        @Override
        public void onRejected(Rejection rejection) {
            record("rejected", rejection.code() + " " + rejection.status());
        }

        @Override
        public void onReplayed(String replayId) {
            record("replayed", replayId);
        }

        @Override
        public void onVerified(ReceiveResult<?> result, Duration elapsed) {
            record("verified", result.getClass().getSimpleName() + " " + !elapsed.isNegative());
        }

        @Override
        public void onFinished(VerifiedDelivery<?> delivery, int status, boolean completed) {
            record("finished", status + " " + completed);
        }
    }
}
