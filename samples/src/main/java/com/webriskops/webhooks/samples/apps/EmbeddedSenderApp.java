package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.RenderedBody;
import com.webriskops.webhooks.payload.RenderedBody.RenderedFormat;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExport.Severity;
import com.webriskops.webhooks.payload.TicketExport.TicketSource;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.WebhookSender.SendResult;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.time.Duration;
import java.util.List;

/**
 * Example app: an application that sends ticket exports itself, with in-process retries. {@code java
 * -cp webriskops-webhooks-samples.jar com.webriskops.webhooks.samples.apps.EmbeddedSenderApp URL}
 * with {@code WEBRISKOPS_WEBHOOK_SECRET} set; exits 0 when the export was delivered.
 */
public final class EmbeddedSenderApp {
    private EmbeddedSenderApp() {}

    /**
     * The target for a receiver at {@code url}: public HTTPS, or a self-hosted receiver on this machine
     * (loopback, plain HTTP allowed because it is allowlisted).
     */
    public static ExportTarget target(String url, WebhookSecret secret) {
        // tag::target[]
        return ExportTarget.builder()
                .id(123)
                .providerKey(ProviderKey.GENERIC_WEBHOOK)
                .baseUrl(url)
                .signingSecrets(secret)
                .deploymentMode(DeploymentMode.SELF_HOSTED)
                .privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                .privateNetworkAllowlist("127.0.0.1/32")
                .build();
        // end::target[]
    }

    /**
     * Checks {@code target}, then delivers {@code export} to it, retrying in this thread.
     *
     * @throws InterruptedException if interrupted while waiting between attempts
     */
    public static SendResult send(ExportTarget target, ExportRequest export) throws InterruptedException {
        // tag::send[]
        TargetCheck check = TargetSafety.ofDefaults().check(target); // what a settings page shows
        if (!check.ok()) {
            System.err.println("target blocked: " + check.code() + ": " + check.message());
        }
        WebhookSender sender = WebhookSender.builder().build(); // immutable, thread-safe: build once
        RetryPolicy retries = RetryPolicy.builder()
                .maxAttempts(5)
                .initialBackoff(Duration.ofSeconds(1))
                .build();
        SendResult result = sender.send(target, export, retries); // blocked targets are never contacted
        // end::send[]
        System.out.println(
                result.status().wireName() + " after " + result.attempts().size() + " attempt(s)");
        return result;
    }

    /** A small export; a real one comes from your tickets. */
    public static ExportRequest exampleExport(String idempotencyKey) {
        TicketSource source = new TicketSource(
                "report_issue",
                42L,
                "Checkout form drops validation state",
                Severity.HIGH,
                null,
                "open",
                12L,
                42L,
                null,
                "issue-42",
                "https://store.example.test/checkout",
                List.of());
        TicketExport ticket = new TicketExport(
                "ticket-export.v1",
                source,
                "Fix checkout validation state",
                "The checkout form drops visible validation state after a failed payment attempt.",
                null,
                List.of("Open checkout.", "Submit with an invalid card."),
                List.of(),
                null,
                List.of(),
                List.of("webriskops"),
                "high",
                null,
                List.of(),
                "draft");
        RenderedBody body = new RenderedBody(RenderedFormat.MARKDOWN, "Fix checkout validation state\n", List.of());
        return new ExportRequest(idempotencyKey, 456, 789, ticket, body);
    }

    /**
     * Sends one example export to the URL given as the first argument.
     *
     * @throws InterruptedException if interrupted while waiting between attempts
     */
    public static void main(String[] args) throws InterruptedException {
        ExportTarget target = target(args[0], WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")));
        SendResult result = send(target, exampleExport("example-" + System.currentTimeMillis()));
        System.exit(result.status() == DeliveryStatus.EXPORTED ? 0 : 1);
    }
}
