package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.WebhookSender.SendResult;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What {@code send} and the demo share: the status view of an in-process send, and the fallback files. */
final class Sending {
    private Sending() {}

    /** The status view of an in-process send, as a store would show it once the send ended. */
    static DeliveryStatusView view(ExportTarget target, ExportRequest export, SendResult result, Instant now) {
        List<AttemptOutcome> attempts = result.attempts();
        Instant startedAt = attempts.get(0).startedAt();
        Delivery delivery = Delivery.pending(0, target, export, startedAt)
                .withStatus(result.status())
                .withAttempts(attempts.size(), attempts.size(), startedAt)
                .withNextAttemptAt(null)
                .withUpdatedAt(result.last().finishedAt())
                .withAttemptLog(attempts);
        return DeliveryStatusView.of(delivery, now);
    }

    /** One line about an attempt, for people. */
    static String describe(AttemptOutcome outcome) {
        StringBuilder line =
                new StringBuilder("attempt ").append(outcome.attempt()).append(": ");
        line.append(outcome.httpStatus() == null ? "no answer" : "HTTP " + outcome.httpStatus());
        line.append(" -> ").append(outcome.status().wireName());
        if (outcome.code() != null) {
            line.append(" (").append(outcome.code()).append(')');
        }
        if (outcome.retryAfter() != null) {
            line.append(", Retry-After ")
                    .append(outcome.retryAfter().toSeconds())
                    .append('s');
        }
        return line.append(": ").append(outcome.message()).toString();
    }

    /**
     * Writes the portable fallback of {@code export} as {@code <key>.csv}, {@code <key>.md} and {@code
     * <key>.json} into {@code dir} (created if needed).
     *
     * @return the files written
     */
    static List<Path> writeFallback(Path dir, ExportTarget target, ExportRequest export) throws IOException {
        PortableExport fallback = PortableExport.of(target.id(), target.providerKey(), export, target.signingSecrets());
        Files.createDirectories(dir);
        String base = export.idempotencyKey().replaceAll("[^A-Za-z0-9._-]", "_");
        Path csv = Files.writeString(dir.resolve(base + ".csv"), fallback.csv(), StandardCharsets.UTF_8);
        Path md = Files.writeString(dir.resolve(base + ".md"), fallback.markdown(), StandardCharsets.UTF_8);
        Path json = Files.write(dir.resolve(base + ".json"), fallback.json());
        return List.of(csv, md, json);
    }
}
