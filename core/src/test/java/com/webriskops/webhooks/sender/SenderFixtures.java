package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Exports, targets and senders for the sender tests. */
public final class SenderFixtures {
    public static final String SECRET_TEXT = TestDeliveries.SECRET_TEXT;
    public static final WebhookSecret SECRET = TestDeliveries.SECRET;

    private static final AtomicInteger KEYS = new AtomicInteger();

    private SenderFixtures() {}

    /** The documentation example's ticket export under a fresh idempotency key. */
    public static ExportRequest export() {
        return export("export-" + KEYS.incrementAndGet());
    }

    public static ExportRequest export(String idempotencyKey) {
        return TestDeliveries.exampleExport(idempotencyKey);
    }

    /** The documentation example under a fresh idempotency key, its ticket export changed by {@code change}. */
    public static ExportRequest export(Consumer<TicketExportChanges> change) {
        return export("export-" + KEYS.incrementAndGet(), change);
    }

    /** The documentation example under {@code idempotencyKey}, its ticket export changed by {@code change}. */
    public static ExportRequest export(String idempotencyKey, Consumer<TicketExportChanges> change) {
        ExportRequest base = export(idempotencyKey);
        TicketExportChanges changes = new TicketExportChanges();
        change.accept(changes);
        return new ExportRequest(
                base.idempotencyKey(),
                base.accountId(),
                base.projectId(),
                changes.applyTo(base.ticketExport()),
                base.renderedBody());
    }

    /**
     * Target 123 at {@code url}: a {@linkplain #loopbackTarget(long, String, WebhookSecret) loopback
     * target} signing with {@link #SECRET}.
     */
    public static ExportTarget loopbackTarget(String url) {
        return loopbackTarget(123, url, SECRET);
    }

    /**
     * Target {@code id} at {@code url}: self-hosted, allowed to reach 127.0.0.1 (so plain HTTP on loopback
     * passes the address rules), signing with {@code secret}.
     */
    public static ExportTarget loopbackTarget(long id, String url, WebhookSecret secret) {
        return ExportTarget.builder()
                .id(id)
                .baseUrl(url)
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(secret)
                .build();
    }

    public static MutableClock clock() {
        return new MutableClock(TestDeliveries.NOW);
    }

    /** A sender with short timeouts whose sleeper moves {@code clock} instead of waiting. */
    public static WebhookSender.Builder sender(MutableClock clock) {
        return WebhookSender.builder()
                .clock(clock)
                .connectTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(2))
                .sleeper(clock::advance);
    }

    /**
     * A sender on the real clock whose timeouts (30 s) outlast a loaded build machine, for tests where
     * several threads send at once.
     */
    public static WebhookSender patientSender() {
        return WebhookSender.builder()
                .connectTimeout(Duration.ofSeconds(30))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The webhook in a body the sender posted. */
    public static TicketExportWebhook webhook(byte[] body) {
        try {
            return WebhookJson.mapper().readValue(body, TicketExportWebhook.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RetryPolicy fastPolicy(int maxAttempts) {
        return RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(8))
                .random(new Random(7))
                .build();
    }
}
