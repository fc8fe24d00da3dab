package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.WebhookSender.SendResult;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** {@code send}: checks the target, signs and delivers one export, retrying in process. */
final class SendCommand extends Command {
    SendCommand() {
        super(
                "send",
                "sign and deliver one export to a URL, retrying in process",
                "--url URL --payload FILE [--deployment-mode M] [--allow-private CIDR,...]\n"
                        + "       [--max-attempts N] [--initial-backoff DURATION] [--timeout DURATION]\n"
                        + "       [--fallback-dir DIR] [--idempotency-key K]",
                "Checks the target, then signs and POSTs the export, retrying retryable answers (5xx,\n"
                        + "429 with Retry-After, timeouts) in this process. Prints one line per attempt, then the\n"
                        + "final status view as one JSON line (status, code, retry_count, ...). When the delivery\n"
                        + "ends failed, writes the portable fallback (CSV, Markdown, JSON) to --fallback-dir.\n"
                        + "Exit 0 only when exported.\n\n"
                        + "  --url URL                 the receiver's webhook URL\n"
                        + "  --payload FILE            a ticket-export.webhook.v1 document; its ticket_export, account,\n"
                        + "                            target and rendered_body are sent\n"
                        + Exports.TARGET_HELP
                        + "  --max-attempts N          attempts in all (default 5)\n"
                        + "  --initial-backoff D       wait after the first failure, doubling (default 1s); 500ms, 2s, 5m\n"
                        + "  --timeout D               connect and response timeout (default 10s)\n"
                        + "  --fallback-dir DIR        where to write the fallback when failed (default: not written)\n"
                        + "  --idempotency-key K       the export's key (default: a fresh one)\n\n"
                        + "Secret: " + Console.SECRET_ENV + " (" + Console.ROTATION_HELP + "; the first signs).\n");
    }

    @Override
    public Set<String> options() {
        Set<String> options = new HashSet<>(Exports.TARGET_OPTIONS);
        options.addAll(Set.of(
                "url", "payload", "max-attempts", "initial-backoff", "timeout", "fallback-dir", "idempotency-key"));
        return options;
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        String url = args.required("url");
        Exports.Payload payload =
                Exports.readPayload(Path.of(args.required("payload")), args.optional("idempotency-key"));
        ExportTarget target = Exports.target(args, url, payload.targetId(), payload.providerKey(), console.secrets());
        Duration backoff = orDefault(args.duration("initial-backoff"), Duration.ofSeconds(1));
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(args.integer("max-attempts", 5, 1, 1000))
                .initialBackoff(backoff)
                .maxBackoff(max(backoff.multipliedBy(32), Duration.ofMinutes(5)))
                .retryAfterCap(Duration.ofMinutes(5))
                .build();
        Duration timeout = orDefault(args.duration("timeout"), Duration.ofSeconds(10));
        WebhookSender sender = WebhookSender.builder()
                .connectTimeout(timeout)
                .responseTimeout(timeout)
                .build();
        SendResult result = sender.send(target, payload.export(), policy);
        for (AttemptOutcome outcome : result.attempts()) {
            console.out().println(Sending.describe(outcome));
        }
        String fallbackDir = args.optional("fallback-dir");
        if (result.status() == DeliveryStatus.FAILED && fallbackDir != null) {
            for (Path file : Sending.writeFallback(Path.of(fallbackDir), target, payload.export())) {
                console.out().println("fallback written: " + file);
            }
        }
        console.printJson(Sending.view(target, payload.export(), result, Instant.now()));
        return result.status() == DeliveryStatus.EXPORTED ? Main.OK : Main.NOT_OK;
    }

    private static Duration orDefault(Duration value, Duration defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
