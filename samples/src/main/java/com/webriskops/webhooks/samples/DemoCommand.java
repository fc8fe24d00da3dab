package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.samples.apps.EmbeddedSenderApp;
import com.webriskops.webhooks.samples.apps.JerseyReceiverApp;
import com.webriskops.webhooks.samples.apps.RunningServer;
import com.webriskops.webhooks.samples.apps.ServletReceiverApp;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.WebhookSender.SendResult;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code demo}: the end-to-end walkthrough. Starts a Jersey receiver and a Jetty servlet receiver
 * sharing one H2 store, and a flaky receiver, all on ephemeral loopback ports in this process; walks
 * through acceptance, duplicates, refusals, retries, a blocked target and the portable fallback; stops
 * everything. Exit 0 only when every step behaved as documented.
 */
final class DemoCommand extends Command {
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";

    DemoCommand() {
        super(
                "demo",
                "the end-to-end walkthrough on embedded defaults (start here)",
                "[--dir DIR]",
                "Starts, in this process on ephemeral loopback ports, a Jersey receiver and a Jetty\n"
                        + "servlet receiver sharing one H2 store, plus a deliberately flaky receiver, and shows:\n"
                        + "a signed export accepted by each adapter; the sender's retry answered as a duplicate;\n"
                        + "a replayed delivery, a tampered body and a stale timestamp refused with\n"
                        + "WEBHOOK_SIGNATURE_INVALID; 429 with Retry-After then 200 ending exported; an unsafe\n"
                        + "target blocked before sending; a receiver that always fails ending failed with the\n"
                        + "portable fallback files written. Takes a few seconds, leaves nothing running.\n"
                        + "Exit 0 only when every step behaved as documented. Needs no secret (it makes one).\n\n"
                        + "  --dir DIR   where the H2 store and the fallback files go (default: a new temporary folder)\n");
    }

    @Override
    public Set<String> options() {
        return Set.of("dir");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        long started = System.nanoTime();
        Path dir = args.optional("dir") == null
                ? Files.createTempDirectory("webriskops-demo-")
                : Files.createDirectories(Path.of(args.optional("dir")));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        WebhookSecret secret = WebhookSecret.of("whsec_demo_" + HexFormat.of().formatHex(random));
        Transcript out = new Transcript(console.out(), console.out() == System.out && System.console() != null);

        JdbiStores stores = JdbiStores.create(
                Databases.open("jdbc:h2:file:" + dir.toAbsolutePath().resolve("receiver-store") + ";DB_CLOSE_DELAY=0"));
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(secret)
                .replayStore(stores.replayStore())
                .idempotencyStore(stores.idempotencyStore())
                .build();
        List<VerifiedDelivery<?>> handled = new CopyOnWriteArrayList<>();
        WebhookSender sender = WebhookSender.builder()
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(5))
                .build();

        try (RunningServer jersey = JerseyReceiverApp.start(receiver, 0, handled::add);
                RunningServer jetty = ServletReceiverApp.start(receiver, 0, handled::add);
                FlakyReceiver flaky = FlakyReceiver.start()) {
            out.header("WebRiskOps webhooks demo");
            out.info("Jersey receiver (JAX-RS)", jersey.endpoint().toString());
            out.info("Jetty receiver (servlet)", jetty.endpoint().toString());
            out.info("receivers' store", "H2 in " + dir.toAbsolutePath());
            out.info("flaky receiver", flaky.url("/").toString());
            out.blank();

            ExportTarget toJersey = local(jersey.endpoint(), secret);
            ExportTarget toJetty = local(jetty.endpoint(), secret);
            ExportRequest exportA = EmbeddedSenderApp.exampleExport("demo-export-a");
            ExportRequest exportB = EmbeddedSenderApp.exampleExport("demo-export-b");

            out.exportedWith204("signed export accepted by the Jersey receiver", sender.attempt(toJersey, exportA, 1));
            out.exportedWith204(
                    "signed export accepted by the Jetty servlet receiver", sender.attempt(toJetty, exportB, 1));

            AttemptOutcome retry = sender.attempt(toJetty, exportA, 2);
            boolean duplicate = Integer.valueOf(200).equals(retry.httpStatus())
                    && retry.responseSnippet() != null
                    && retry.responseSnippet().contains("duplicate");
            out.step(
                    "the sender's retry of export a, to the other adapter: duplicate",
                    duplicate && handled.size() == 2,
                    retry.httpStatus() + " " + oneLine(retry.responseSnippet()) + ", handler ran " + handled.size()
                            + " times");

            ExportTarget toCapture = local(flaky.url("/capture"), secret);
            sender.attempt(toCapture, EmbeddedSenderApp.exampleExport("demo-export-c"), 1);
            FlakyReceiver.Captured captured = flaky.captured();
            Answer first = post(jersey.endpoint(), captured.headers(), captured.body());
            Answer replayed = post(jersey.endpoint(), captured.headers(), captured.body());
            out.step(
                    "a captured delivery replayed is refused",
                    first.status() == 204 && replayed.isSignatureInvalid(),
                    "first " + first.status() + ", replay " + replayed);

            sender.attempt(toCapture, EmbeddedSenderApp.exampleExport("demo-export-d"), 1);
            FlakyReceiver.Captured signed = flaky.captured();
            byte[] tampered = new String(signed.body(), StandardCharsets.UTF_8)
                    .replace("Fix checkout", "Fix chekout")
                    .getBytes(StandardCharsets.UTF_8);
            Answer tamperedAnswer = post(jersey.endpoint(), signed.headers(), tampered);
            out.step("a tampered body is refused", tamperedAnswer.isSignatureInvalid(), tamperedAnswer.toString());

            try (WebhookSender late = WebhookSender.builder()
                    .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)))
                    .build()) {
                late.attempt(toCapture, EmbeddedSenderApp.exampleExport("demo-export-e"), 1);
            }
            FlakyReceiver.Captured stale = flaky.captured();
            Answer staleAnswer = post(jetty.endpoint(), stale.headers(), stale.body());
            out.step("a timestamp 10 minutes old is refused", staleAnswer.isSignatureInvalid(), staleAnswer.toString());

            RetryPolicy quick = RetryPolicy.builder()
                    .maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build();
            ExportTarget toFlaky = local(flaky.url("/flaky"), secret);
            ExportRequest exportF = EmbeddedSenderApp.exampleExport("demo-export-f");
            SendResult flakySend = sender.send(toFlaky, exportF, quick);
            DeliveryStatusView flakyView = Sending.view(toFlaky, exportF, flakySend, Instant.now());
            out.step(
                    "429 with Retry-After, then 200: exported",
                    flakySend.status() == DeliveryStatus.EXPORTED
                            && flakySend.attempts().size() == 2
                            && Integer.valueOf(429)
                                    .equals(flakySend.attempts().get(0).httpStatus())
                            && flakySend.attempts().get(0).retryAfter() != null,
                    attempts(flakySend) + " -> " + flakyView.status().wireName() + ", retry_count "
                            + flakyView.retryCount());

            int before = flaky.requests();
            ExportTarget cloud =
                    toFlaky.toBuilder().deploymentMode(DeploymentMode.CLOUD).build();
            SendResult blocked = sender.send(cloud, EmbeddedSenderApp.exampleExport("demo-export-g"), quick);
            out.step(
                    "an unsafe target (a loopback URL for a cloud target) blocked before sending",
                    blocked.status() == DeliveryStatus.BLOCKED && flaky.requests() == before,
                    blocked.status().wireName() + " " + blocked.last().code() + ", requests sent "
                            + (flaky.requests() - before));

            ExportTarget toDown = local(flaky.url("/down"), secret);
            ExportRequest exportH = EmbeddedSenderApp.exampleExport("demo-export-h");
            SendResult failed = sender.send(toDown, exportH, quick);
            List<Path> files = new ArrayList<>();
            if (failed.status() == DeliveryStatus.FAILED) {
                files.addAll(Sending.writeFallback(dir.resolve("fallback"), toDown, exportH));
            }
            DeliveryStatusView failedView = Sending.view(toDown, exportH, failed, Instant.now());
            out.step(
                    "a receiver that always fails: failed, portable fallback written",
                    failed.status() == DeliveryStatus.FAILED
                            && files.size() == 3
                            && files.stream().allMatch(Files::isRegularFile),
                    attempts(failed) + " -> " + failedView.status().wireName() + " " + failedView.lastCode());
            for (Path file : files) {
                out.detail(file.toString());
            }
        }
        out.blank();
        double seconds = (System.nanoTime() - started) / 1e9;
        return out.finish(seconds);
    }

    private static ExportTarget local(URI endpoint, WebhookSecret secret) {
        return EmbeddedSenderApp.target(endpoint.toString(), secret);
    }

    private static String attempts(SendResult result) {
        List<String> codes = new ArrayList<>();
        for (AttemptOutcome outcome : result.attempts()) {
            codes.add(outcome.httpStatus() == null ? "-" : outcome.httpStatus().toString());
        }
        return String.join(", ", codes);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", "");
    }

    /** An HTTP answer: status and, for problem bodies, the {@code code}. */
    record Answer(int status, String code) {
        boolean isSignatureInvalid() {
            return status == 401 && code.equals(ErrorCode.WEBHOOK_SIGNATURE_INVALID.wireValue());
        }

        @Override
        public String toString() {
            return code.isEmpty() ? Integer.toString(status) : status + " " + code;
        }
    }

    /** POSTs exactly these headers and bytes, as a captured request would be sent again. */
    static Answer post(URI url, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout(5_000);
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Host")) {
                    connection.setRequestProperty(name, value);
                }
            });
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            String code = "";
            if (answer.length > 0) {
                try {
                    JsonNode json = WebhookJson.mapper().readTree(answer);
                    code = json.path("code").asText("");
                } catch (IOException e) {
                    code = "";
                }
            }
            return new Answer(status, code);
        } finally {
            connection.disconnect();
        }
    }

    /** Aligned lines; colour only on a terminal. */
    static final class Transcript {
        private final PrintStream out;
        private final boolean colour;
        private int steps;
        private int passed;

        Transcript(PrintStream out, boolean colour) {
            this.out = out;
            this.colour = colour;
        }

        /** A step that passes when the attempt exported the delivery with a 204 answer. */
        void exportedWith204(String what, AttemptOutcome attempt) {
            step(
                    what,
                    attempt.status() == DeliveryStatus.EXPORTED
                            && Integer.valueOf(204).equals(attempt.httpStatus()),
                    attempt.httpStatus() + " " + attempt.status().wireName());
        }

        void header(String text) {
            out.println(text);
        }

        void info(String label, String value) {
            out.printf("  %-26s %s%n", label, value);
        }

        void blank() {
            out.println();
        }

        void step(String what, boolean ok, String observed) {
            steps++;
            if (ok) {
                passed++;
            }
            String mark = ok ? paint(GREEN, "ok  ") : paint(RED, "FAIL");
            out.printf("%2d %s %-78s %s%n", steps, mark, what, paint(DIM, observed));
        }

        void detail(String text) {
            out.printf("          %s%n", paint(DIM, text));
        }

        int finish(double seconds) {
            if (passed == steps) {
                out.printf("All %d steps behaved as documented (%.1f s); every server is stopped.%n", steps, seconds);
                return Main.OK;
            }
            out.printf("%d of %d steps did NOT behave as documented (%.1f s).%n", steps - passed, steps, seconds);
            return Main.NOT_OK;
        }

        private String paint(String code, String text) {
            return colour ? code + text + RESET : text;
        }
    }
}
