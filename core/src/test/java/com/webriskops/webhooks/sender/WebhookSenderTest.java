package com.webriskops.webhooks.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.sender.WebhookSender.SendResult;
import com.webriskops.webhooks.sender.internal.HostResolver;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookSenderTest {
    private LoopbackServer server;
    private MutableClock clock;

    @BeforeEach
    void startServer() throws Exception {
        server = LoopbackServer.http();
        clock = SenderFixtures.clock();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "200, exported, none",
                "201, exported, none",
                "204, exported, none",
                "301, blocked, generic_webhook_redirect_blocked",
                "302, blocked, generic_webhook_redirect_blocked",
                "307, blocked, generic_webhook_redirect_blocked",
                "308, blocked, generic_webhook_redirect_blocked",
                "400, blocked, generic_webhook_validation_failed",
                "422, blocked, generic_webhook_validation_failed",
                "401, blocked, generic_webhook_auth_failed",
                "403, blocked, generic_webhook_auth_failed",
                "409, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
                "429, retry_scheduled, WEBHOOK_RATE_LIMITED",
                "500, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
                "502, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
                "503, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
                "504, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
                "404, blocked, generic_webhook_rejected",
                "410, blocked, generic_webhook_rejected",
                "413, blocked, generic_webhook_validation_failed",
                "408, retry_scheduled, WEBHOOK_DELIVERY_FAILED",
            })
    void classifiesEveryAnswerOfTheTable(int status, String expectedStatus, String expectedCode) {
        server.handler(request -> request.path().equals("/hook")
                ? new LoopbackServer.Answer(status, Map.of("Location", server.url("/elsewhere")), "answer".getBytes())
                : LoopbackServer.Answer.of(200));
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome =
                sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), SenderFixtures.export(), 1);

        assertThat(outcome.status().wireName()).isEqualTo(expectedStatus);
        assertThat(outcome.code()).isEqualTo(expectedCode);
        assertThat(outcome.httpStatus()).isEqualTo(status);
        assertThat(outcome.requestSent()).isTrue();
        assertThat(server.received("/hook")).hasSize(1);
        assertThat(server.received("/elsewhere"))
                .as("redirects are never followed")
                .isEmpty();
    }

    @Test
    void sendsTheDocumentedHeaders() {
        WebhookSender sender = SenderFixtures.sender(clock).build();
        ExportRequest export = SenderFixtures.export();

        sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), export, 1);

        LoopbackServer.Received request = server.received().get(0);
        assertThat(request.header(WebhookHeaders.EVENT)).isEqualTo("ticket_export.requested");
        assertThat(request.header(WebhookHeaders.SCHEMA)).isEqualTo("ticket-export.webhook.v1");
        assertThat(request.header(WebhookHeaders.IDEMPOTENCY_KEY)).isEqualTo(export.idempotencyKey());
        assertThat(request.header(WebhookHeaders.GENERIC_IDEMPOTENCY_KEY)).isEqualTo(export.idempotencyKey());
        assertThat(request.header(WebhookHeaders.TIMESTAMP))
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(WebhookProtocol.isValidNonce(request.header(WebhookHeaders.NONCE)))
                .isTrue();
        assertThat(request.header(WebhookHeaders.SIGNATURE)).startsWith("sha256=");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).startsWith("webriskops-webhooks-java/");
        assertThat(new String(request.body())).doesNotContain(SenderFixtures.SECRET_TEXT);
        for (String name : List.of(
                WebhookHeaders.EVENT,
                WebhookHeaders.SCHEMA,
                WebhookHeaders.IDEMPOTENCY_KEY,
                WebhookHeaders.GENERIC_IDEMPOTENCY_KEY,
                WebhookHeaders.TIMESTAMP,
                WebhookHeaders.NONCE,
                WebhookHeaders.SIGNATURE,
                "Content-Type",
                "User-Agent")) {
            assertThat(request.headers().get(name.toLowerCase(Locale.ROOT)))
                    .as(name)
                    .hasSize(1);
        }
    }

    @Test
    void readsRetryAfterInSecondsAndThePolicyCapsIt() {
        server.handler(request -> new LoopbackServer.Answer(429, Map.of("Retry-After", "7200"), new byte[0]));
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome =
                sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), SenderFixtures.export(), 1);

        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(7200));
        RetryPolicy policy =
                RetryPolicy.builder().retryAfterCap(Duration.ofMinutes(10)).build();
        assertThat(policy.nextAttemptAt(outcome, 1, clock.instant(), clock.instant()))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        RetryPolicy generous =
                RetryPolicy.builder().retryAfterCap(Duration.ofHours(3)).build();
        assertThat(generous.nextAttemptAt(outcome, 1, clock.instant(), clock.instant()))
                .isEqualTo(clock.instant().plusSeconds(7200));
    }

    @Test
    void readsRetryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(90).atZone(ZoneOffset.UTC));
        server.handler(request -> new LoopbackServer.Answer(503, Map.of("Retry-After", date), new byte[0]));
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome =
                sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), SenderFixtures.export(), 1);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(outcome.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(RetryPolicy.ofDefaults().nextAttemptAt(outcome, 1, clock.instant(), clock.instant()))
                .isEqualTo(clock.instant().plusSeconds(90));
    }

    @Test
    void aResponseTimeoutIsRetryable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.handler(request -> {
            release.await(5, TimeUnit.SECONDS);
            return LoopbackServer.Answer.of(200);
        });
        WebhookSender sender = SenderFixtures.sender(clock)
                .responseTimeout(Duration.ofMillis(300))
                .build();
        try {
            AttemptOutcome outcome =
                    sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), SenderFixtures.export(), 1);

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
            assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_DELIVERY_FAILED.wireValue());
            assertThat(outcome.httpStatus()).isNull();
            assertThat(outcome.message()).contains("did not answer in time");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome = sender.attempt(
                SenderFixtures.loopbackTarget("http://127.0.0.1:" + port + "/hook"), SenderFixtures.export(), 1);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_DELIVERY_FAILED.wireValue());
        assertThat(outcome.requestSent()).isFalse();
        assertThat(outcome.message()).isEqualTo("could not connect to the target");
    }

    /** The first attempt of the example export to {@code target} by a sender resolving names with {@code resolver}. */
    private AttemptOutcome attemptResolvingWith(HostResolver resolver, ExportTarget target) {
        return SenderFixtures.sender(clock).hostResolver(resolver).build().attempt(target, SenderFixtures.export(), 1);
    }

    @Test
    void aHostThatStopsResolvingAfterTheCheckIsRetryable() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver vanishing = host -> {
            if (lookups.incrementAndGet() == 1) {
                return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
            }
            throw new UnknownHostException(host);
        };
        ExportTarget target = ExportTarget.builder()
                .id(10)
                .baseUrl("https://vanishing.example.test/hook")
                .signingSecrets(SenderFixtures.SECRET)
                .build();
        AttemptOutcome outcome = attemptResolvingWith(vanishing, target);

        assertThat(lookups).hasValue(2);
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_DELIVERY_FAILED.wireValue());
        assertThat(outcome.message()).isEqualTo("the target host does not resolve");
        assertThat(outcome.requestSent()).isFalse();
    }

    @Test
    void keepsOnlyABoundedSnippetOfTheAnswer() {
        byte[] big = "x".repeat(1_000_000).getBytes();
        server.handler(request -> new LoopbackServer.Answer(500, Map.of(), big));
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome =
                sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), SenderFixtures.export(), 1);

        assertThat(outcome.responseSnippet()).hasSize(WebhookSender.DEFAULT_MAX_RESPONSE_SNIPPET_BYTES);
    }

    @Test
    void aRecordedVerdictNoLongerHoldsOnceTheTargetsSecretsChangeSoTheNewSecretIsStillCaught() {
        String rotated = "NewRotatedSigningValue";
        ExportRequest export = TestDeliveries.exampleExport("export-rotation", "Reproduce with " + rotated + ".");
        ExportTarget before = SenderFixtures.loopbackTarget(server.url("/hook"));
        String verdict = Delivery.judgePayload(before, export);
        assertThat(verdict).as("the old secret is not in the payload").isNotNull();
        ExportTarget after = before.toBuilder()
                .signingSecrets(WebhookSecret.of(rotated), SenderFixtures.SECRET)
                .build();
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome = sender.attempt(after, export, 1, verdict);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue());
        assertThat(server.received()).isEmpty();
        assertThat(sender.attempt(before, export, 1, verdict).status())
                .as("under the secrets it was judged with, the verdict holds")
                .isEqualTo(DeliveryStatus.EXPORTED);
    }

    @Test
    void aVerdictJudgedForOneBodyDoesNotLetAnotherBodyThrough() {
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        String verdict = Delivery.judgePayload(target, TestDeliveries.exampleExport("export-swap"));
        ExportRequest leaky =
                TestDeliveries.exampleExport("export-swap", "token " + SenderFixtures.SECRET_TEXT + " here");
        assertThat(Delivery.judgePayload(target, leaky)).isNull();
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome = sender.attempt(target, leaky, 1, verdict);

        assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue());
        assertThat(outcome.message()).contains("rendered_body").doesNotContain(SenderFixtures.SECRET_TEXT);
        assertThat(sender.attempt(target, leaky, 1, "v1:forged").code())
                .isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue());
        assertThat(server.received()).isEmpty();
    }

    @Test
    void blocksAPayloadCarryingTheTargetsSecretAndSendsNothing() {
        ExportRequest export = SenderFixtures.export(
                ticket -> ticket.summary = "Use the key " + SenderFixtures.SECRET_TEXT + " to reproduce.");
        WebhookSender sender = SenderFixtures.sender(clock).build();

        AttemptOutcome outcome = sender.attempt(SenderFixtures.loopbackTarget(server.url("/hook")), export, 1);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE.wireValue());
        assertThat(outcome.message()).contains("ticket_export.summary").doesNotContain(SenderFixtures.SECRET_TEXT);
        assertThat(outcome.requestSent()).isFalse();
        assertThat(server.received()).isEmpty();
    }

    @Test
    void blocksATargetWithoutSecretAndSendsNothing() {
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook")).toBuilder()
                .signingSecrets(List.of())
                .build();

        AttemptOutcome outcome = SenderFixtures.sender(clock).build().attempt(target, SenderFixtures.export(), 1);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING.wireValue());
        assertThat(server.received()).isEmpty();
    }

    @Test
    void blocksAnUnsafeUrlAndSendsNothing() {
        ExportTarget cloud = ExportTarget.builder()
                .id(5)
                .baseUrl(server.url("/hook"))
                .signingSecrets(SenderFixtures.SECRET)
                .build();

        AttemptOutcome outcome = SenderFixtures.sender(clock).build().attempt(cloud, SenderFixtures.export(), 1);

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE.wireValue());
        assertThat(server.received()).isEmpty();
    }

    @Test
    void blocksADnsRebindingAfterTheTargetCheck() throws Exception {
        try (LoopbackServer https = LoopbackServer.https()) {
            AtomicInteger lookups = new AtomicInteger();
            HostResolver rebinding = host -> lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})}
                    : new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
            ExportTarget target = ExportTarget.builder()
                    .id(9)
                    .baseUrl("https://rebind.example.test:" + https.port() + "/hook")
                    .signingSecrets(SenderFixtures.SECRET)
                    .build();
            WebhookSender sender = SenderFixtures.sender(clock)
                    .hostResolver(rebinding)
                    .sslContext(LoopbackServer.trustingTestCertificate())
                    .build();

            AttemptOutcome outcome = sender.attempt(target, SenderFixtures.export(), 1);

            assertThat(lookups).hasValue(2);
            assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
            assertThat(outcome.code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE.wireValue());
            assertThat(outcome.message()).contains("loopback");
            assertThat(https.received()).isEmpty();
        }
    }

    @Test
    void plainHttpIsDecidedOnTheAddressConnectedToNotOnTheCheckTimeAnswer() throws Exception {
        // The check sees an allowlisted private address, so plain HTTP passes it; the connection then
        // resolves to a public address, where plain HTTP is not allowed: blocked before connecting.
        AtomicInteger lookups = new AtomicInteger();
        HostResolver rebinding = host -> lookups.incrementAndGet() == 1
                ? new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})}
                : new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
        ExportTarget target =
                SenderFixtures.loopbackTarget(server.url("/hook").replace("127.0.0.1", "plain-http.example.test"));
        AttemptOutcome outcome = attemptResolvingWith(rebinding, target);

        assertThat(lookups).hasValue(2);
        assertThat(outcome.status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(outcome.code()).isEqualTo(ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE.wireValue());
        assertThat(outcome.message()).contains("plain HTTP");
        assertThat(server.received()).isEmpty();

        // The same name, resolving to the allowlisted loopback address both times: delivered over HTTP.
        HostResolver steady = host -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        AttemptOutcome delivered = attemptResolvingWith(steady, target);
        assertThat(delivered.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void resolvesNumericHostsThroughTheGuardedHookToo() {
        AtomicInteger lookups = new AtomicInteger();
        HostResolver counting = host -> {
            lookups.incrementAndGet();
            return HostResolver.SYSTEM.resolve(host);
        };
        AttemptOutcome outcome = attemptResolvingWith(counting, SenderFixtures.loopbackTarget(server.url("/hook")));

        assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(lookups)
                .as("once by the target check, once by the connection")
                .hasValue(2);
    }

    @Test
    void deliversOverHttpsTrustingTheTestCertificate() throws Exception {
        try (LoopbackServer https = LoopbackServer.https()) {
            WebhookReceiver<TicketExportWebhook> receiver = receiver();
            https.handler(request -> answer(receiver, request, () -> 200));
            WebhookSender sender = SenderFixtures.sender(clock)
                    .sslContext(LoopbackServer.trustingTestCertificate())
                    .build();

            AttemptOutcome outcome =
                    sender.attempt(SenderFixtures.loopbackTarget(https.url("/hook")), SenderFixtures.export(), 1);

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.EXPORTED);
            assertThat(outcome.httpStatus()).isEqualTo(200);
        }
    }

    @Test
    void anUntrustedCertificateIsAConnectionError() throws Exception {
        try (LoopbackServer https = LoopbackServer.https()) {
            WebhookSender sender = SenderFixtures.sender(clock).build();

            AttemptOutcome outcome =
                    sender.attempt(SenderFixtures.loopbackTarget(https.url("/hook")), SenderFixtures.export(), 1);

            assertThat(outcome.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
            assertThat(outcome.message()).contains("TLS");
            assertThat(https.received()).isEmpty();
        }
    }

    @Test
    void theKitsReceiverAcceptsEveryRetryWithTheSameKeyAndFreshNonces() throws Exception {
        WebhookReceiver<TicketExportWebhook> receiver = receiver();
        AtomicInteger handled = new AtomicInteger();
        server.handler(request -> answer(receiver, request, () -> handled.incrementAndGet() < 3 ? 503 : 200));
        // The receiver's first delivery starts Bean Validation, slow on a busy machine: no timeouts here.
        WebhookSender sender = SenderFixtures.sender(clock)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        ExportRequest export = SenderFixtures.export();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));

        SendResult result = sender.send(target, export, SenderFixtures.fastPolicy(5));

        assertThat(result.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(result.attempts()).extracting(AttemptOutcome::httpStatus).containsExactly(503, 503, 200);
        assertThat(handled).as("the receiver accepted all three").hasValue(3);
        List<TicketExportWebhook> bodies = server.received().stream()
                .map(r -> SenderFixtures.webhook(r.body()))
                .toList();
        assertThat(bodies).extracting(TicketExportWebhook::attempt).containsExactly(1, 2, 3);
        assertThat(bodies).extracting(TicketExportWebhook::idempotencyKey).containsOnly(export.idempotencyKey());
        Set<String> nonces = new HashSet<>();
        bodies.forEach(b -> nonces.add(b.replayProtection().nonce()));
        assertThat(nonces).hasSize(3);
        assertThat(bodies)
                .extracting(b -> Long.parseLong(b.replayProtection().timestamp()))
                .isSorted()
                .doesNotHaveDuplicates();

        SendResult again = sender.send(target, export, SenderFixtures.fastPolicy(5));

        assertThat(again.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(again.last().responseSnippet()).contains("duplicate");
        assertThat(handled).as("a completed key is not handled again").hasValue(3);
    }

    @Test
    void givesUpAsFailedWhenAttemptsAreExhausted() throws Exception {
        server.handler(request -> LoopbackServer.Answer.of(500));
        WebhookSender sender = SenderFixtures.sender(clock).build();

        SendResult result = sender.send(
                SenderFixtures.loopbackTarget(server.url("/hook")),
                SenderFixtures.export(),
                SenderFixtures.fastPolicy(3));

        assertThat(result.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(result.attempts()).hasSize(3);
        assertThat(server.received()).hasSize(3);
    }

    private WebhookReceiver<TicketExportWebhook> receiver() {
        return WebhookReceiver.builder()
                .secrets(SenderFixtures.SECRET)
                .clock(clock)
                .build();
    }

    private static LoopbackServer.Answer answer(
            WebhookReceiver<TicketExportWebhook> receiver, LoopbackServer.Received request, IntSupplier handler) {
        ReceiveResult<TicketExportWebhook> result =
                receiver.receive(InboundRequest.of(request.headers(), request.body()));
        if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> accepted) {
            int status = handler.getAsInt();
            receiver.finish(accepted.delivery(), status);
            return LoopbackServer.Answer.of(status);
        }
        HttpAnswer answer = result.answer();
        return new LoopbackServer.Answer(answer.status(), answer.headers(), answer.body());
    }

    @Test
    void reusesAConnectionPerTargetConfigurationOnlyWhenTheAnswerWasReadToTheEnd() {
        WebhookSender sender =
                SenderFixtures.sender(clock).maxResponseSnippetBytes(8).build();
        ExportTarget target = SenderFixtures.loopbackTarget(server.url("/hook"));
        ExportTarget otherTarget = ExportTarget.builder()
                .id(target.id() + 1)
                .baseUrl(target.baseUrl())
                .deploymentMode(target.deploymentMode())
                .privateNetworkPolicy(target.privateNetworkPolicy())
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(SenderFixtures.SECRET)
                .build();

        sender.attempt(target, SenderFixtures.export(), 1);
        sender.attempt(target, SenderFixtures.export(), 1);
        sender.attempt(otherTarget, SenderFixtures.export(), 1);
        server.handler(request -> new LoopbackServer.Answer(200, Map.of(), "a longer answer than 8 bytes".getBytes()));
        AttemptOutcome longAnswer = sender.attempt(target, SenderFixtures.export(), 1);
        server.handler(request -> LoopbackServer.Answer.of(200));
        sender.attempt(target, SenderFixtures.export(), 1);
        sender.close();
        AttemptOutcome afterClose = sender.attempt(target, SenderFixtures.export(), 1);

        List<Integer> ports = server.received().stream()
                .map(LoopbackServer.Received::remotePort)
                .toList();
        assertThat(longAnswer.responseSnippet()).isEqualTo("a longer");
        assertThat(ports.get(1)).as("same target: connection reused").isEqualTo(ports.get(0));
        assertThat(ports.get(2)).as("another target never shares a connection").isNotEqualTo(ports.get(0));
        assertThat(ports.get(3)).as("still reused for the long answer").isEqualTo(ports.get(0));
        assertThat(ports.get(4)).as("a long answer drops its connection").isNotEqualTo(ports.get(0));
        assertThat(afterClose.status()).isEqualTo(DeliveryStatus.EXPORTED);
        assertThat(ports.get(5)).as("close() closed the pooled connection").isNotEqualTo(ports.get(4));
    }

    @Test
    void evictsTheLeastRecentlyUsedTargetBeyondTheBound() {
        WebhookSender sender = SenderFixtures.sender(clock).build();
        for (int i = 0; i <= WebhookSender.MAX_POOLED_TARGETS; i++) {
            ExportTarget target = ExportTarget.builder()
                    .id(1_000 + i)
                    .baseUrl(server.url("/hook"))
                    .deploymentMode(DeploymentMode.SELF_HOSTED)
                    .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                    .privateNetworkAllowlist("127.0.0.1/32")
                    .signingEnabled(false)
                    .build();
            assertThat(sender.attempt(target, SenderFixtures.export(), 1).status())
                    .isEqualTo(DeliveryStatus.EXPORTED);
        }
        assertThat(sender.pooledTargets()).isEqualTo(WebhookSender.MAX_POOLED_TARGETS);
        sender.close();
        assertThat(sender.pooledTargets()).isZero();
    }
}
