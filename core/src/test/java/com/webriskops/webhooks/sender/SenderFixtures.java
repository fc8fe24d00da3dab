package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** A self-hosted target allowed to reach 127.0.0.1. */
    public static ExportTarget loopbackTarget(String url) {
        return ExportTarget.builder()
                .id(123)
                .baseUrl(url)
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .signingSecrets(SECRET)
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

    public static RetryPolicy fastPolicy(int maxAttempts) {
        return RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(8))
                .random(new Random(7))
                .build();
    }
}
