package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.Rejection;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** {@code verify}: runs the stateless part of the receiver pipeline on a captured request. */
final class VerifyCommand extends Command {
    /** The latest {@code --now}: 9999-12-31T23:59:59Z. */
    static final long MAX_NOW = 253_402_300_799L;

    VerifyCommand() {
        super(
                "verify",
                "check a captured request as a receiver would (signature, timestamp, schema)",
                "[--scheme webriskops|standard-webhooks] --headers FILE --body FILE [--now UNIX_SECONDS]"
                        + " [--test-secret]",
                "Runs the receiver's checks that need no store (size, content type, signature,\n"
                        + "timestamp window, JSON, schema) on a captured request and prints, as its last line,\n"
                        + "{\"ok\":true,...} or {\"ok\":false,\"status\":401,\"code\":\"WEBHOOK_SIGNATURE_INVALID\",...}.\n"
                        + "Exit 0 only when ok.\n\n"
                        + "  --headers FILE     the request headers, one 'Name: value' per line\n"
                        + "  --body FILE        the exact body bytes\n"
                        + "  --now SECONDS      the time to judge the timestamp against (default: now)\n"
                        + "  --test-secret      the secret is a test key: accept one shorter than 16 bytes\n\n"
                        + "Secret: " + Console.SECRET_ENV + " (" + Console.ROTATION_HELP + ").\n"
                        + "With --scheme standard-webhooks: " + ReceiveCommand.STANDARD_SECRET_ENV
                        + " (whsec_...) and/or "
                        + ReceiveCommand.STANDARD_PUBLIC_KEY_ENV
                        + "\n(whpk_...), each with its _PREVIOUS during a rotation; the body is"
                        + " read as JSON of any shape.\n");
    }

    @Override
    public Set<String> options() {
        return Set.of("scheme", "headers", "body", "now");
    }

    @Override
    public Set<String> flags() {
        return Set.of(Console.TEST_SECRET_FLAG);
    }

    @Override
    public int run(Args args, Console console) throws IOException {
        Clock clock = Clock.systemUTC();
        String now = args.optional("now");
        if (now != null) {
            long seconds = Args.wholeNumber(now, 0, MAX_NOW);
            if (seconds < 0) {
                throw new UsageException("--now must be Unix seconds from 0 to " + MAX_NOW + ", not '" + now + "'");
            }
            clock = Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        }
        Map<String, List<String>> headers = readHeaders(Path.of(args.required("headers")));
        byte[] body = read("body", Path.of(args.required("body")));
        String scheme = args.optional("scheme") == null ? "webriskops" : args.optional("scheme");
        Map<String, Object> line;
        if (scheme.equals("standard-webhooks")) {
            StandardWebhooksScheme<JsonNode> standard = ReceiveCommand.standardScheme(console);
            if (standard == null) {
                throw new UsageException("set " + ReceiveCommand.STANDARD_SECRET_ENV + " (whsec_...) or "
                        + ReceiveCommand.STANDARD_PUBLIC_KEY_ENV + " (whpk_...)");
            }
            line = verify(WebhookReceiver.builder(standard).clock(clock).build(), headers, body, (delivery, out) -> {
                StandardWebhooksScheme.Message<JsonNode> message = delivery.payload();
                out.put("id", message.id());
                out.put("timestamp", message.timestamp().getEpochSecond());
                out.put("type", message.payload().path("type").asText(null));
            });
        } else if (scheme.equals("webriskops")) {
            WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                    .secrets(console.receivingSecrets(args.flag(Console.TEST_SECRET_FLAG)))
                    .clock(clock)
                    .build();
            line = verify(receiver, headers, body, (delivery, out) -> {
                out.put("idempotency_key", delivery.idempotencyKey());
                out.put("attempt", delivery.attempt());
                out.put("nonce", delivery.nonce());
                out.put("timestamp", delivery.timestamp().getEpochSecond());
                out.put("ticket", delivery.payload().ticketExport().title());
            });
        } else {
            throw new UsageException("--scheme must be webriskops or standard-webhooks, not '" + scheme + "'");
        }
        console.printJson(line);
        return Boolean.TRUE.equals(line.get("ok")) ? Main.OK : Main.NOT_OK;
    }

    private static <P> Map<String, Object> verify(
            WebhookReceiver<P> receiver,
            Map<String, List<String>> headers,
            byte[] body,
            BiConsumer<VerifiedDelivery<P>, Map<String, Object>> describe) {
        ReceiveResult<P> result = receiver.receive(InboundRequest.of(headers, body));
        Map<String, Object> line = new LinkedHashMap<>();
        if (result instanceof ReceiveResult.Accepted<P> accepted) {
            VerifiedDelivery<P> delivery = accepted.delivery();
            receiver.abandon(delivery);
            line.put("ok", true);
            describe.accept(delivery, line);
        } else if (result instanceof ReceiveResult.Rejected<P> rejected) {
            Rejection rejection = rejected.rejection();
            line.put("ok", false);
            line.put("status", rejection.status());
            line.put("code", rejection.code().wireValue());
            line.put("detail", rejection.detail());
            if (!rejection.violations().isEmpty()) {
                List<Map<String, String>> violations = new ArrayList<>();
                rejection.violations().forEach(v -> violations.add(Map.of("field", v.field(), "message", v.message())));
                line.put("violations", violations);
            }
        } else {
            line.put("ok", false);
            line.put("status", result.answer().status());
            line.put("detail", "answered as a duplicate");
        }
        return line;
    }

    private static Map<String, List<String>> readHeaders(Path file) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int n = 0;
        for (String line : new String(read("headers", file), StandardCharsets.UTF_8).split("\r?\n")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UsageException("--headers line " + n + " is not 'Name: value'");
            }
            headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static byte[] read(String option, Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--" + option + " " + file + " does not exist");
        }
    }
}
