package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.SecretResolver;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Verifies webhook deliveries in any JAX-RS 3.1+ application (Jersey 3.1 and 4.0 and RESTEasy 6.2 are
 * tested): register it once, annotate the receiving resource methods with {@link VerifiedWebhook}, and
 * those methods only ever run for verified, validated, first-time deliveries. It is configured by the
 * {@link WebhookReceiver} it runs, with every setting of the receiver's builder (scheme, secrets,
 * stores, policies, listener):
 *
 * <pre>{@code
 * WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
 *         .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
 *         .build();
 * resourceConfig.register(WebRiskOpsWebhookFeature.of(receiver));
 * }</pre>
 *
 * <p>It registers, explicitly and nothing by classpath scanning:
 *
 * <ul>
 *   <li>a request filter bound to {@link VerifiedWebhook} at {@link jakarta.ws.rs.Priorities#AUTHENTICATION}
 *       that runs the {@link WebhookReceiver} pipeline: a refused delivery gets the pipeline's answer
 *       (problem+json with its status, {@code Retry-After} where due; 200 {@code "duplicate"} for a
 *       completed idempotency key) and the method does not run; an accepted one gets its exact body
 *       bytes put back for the method to read, and its {@link
 *       com.webriskops.webhooks.receiver.VerifiedDelivery} made available to the method through
 *       {@code @Context SecurityContext} and as a request property (see {@link VerifiedDeliveries});
 *   <li>a response filter bound the same way that completes the idempotency key when the method
 *       answered 2xx and releases it for the sender's retry otherwise, also when the method threw;
 *   <li>a JSON reader for entity parameters of the scheme's payload type (such as {@link
 *       com.webriskops.webhooks.payload.TicketExportWebhook}) using the kit's JSON settings, limited to
 *       that type so the application's own JSON handling is untouched; on a {@link VerifiedWebhook}
 *       method, a reader interceptor hands such a parameter the payload the pipeline already read and
 *       validated, so the body is not parsed twice.
 * </ul>
 *
 * <p>Every decision is the pipeline's; this feature only translates between JAX-RS and {@link
 * WebhookReceiver}. The feature binds one receiver per JAX-RS application. For endpoints with different
 * secrets, give the receiver a {@link SecretResolver}: it sees the request's decoded path, application
 * path included. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class WebRiskOpsWebhookFeature implements Feature {
    private final WebhookReceiver<?> receiver;

    private WebRiskOpsWebhookFeature(WebhookReceiver<?> receiver) {
        this.receiver = receiver;
    }

    /**
     * A feature that verifies deliveries with {@code receiver}, in its scheme.
     *
     * @throws NullPointerException if {@code receiver} is null
     */
    public static WebRiskOpsWebhookFeature of(WebhookReceiver<?> receiver) {
        return new WebRiskOpsWebhookFeature(Objects.requireNonNull(receiver, "receiver"));
    }

    /** The pipeline this feature runs. */
    public WebhookReceiver<?> receiver() {
        return receiver;
    }

    /** Registers the filters and the payload reader; always returns true. */
    @Override
    public boolean configure(FeatureContext context) {
        context.register(new WebhookVerificationFilter<>(receiver));
        context.register(new PayloadJsonProvider(receiver.scheme().payloadType()));
        context.register(new VerifiedPayloadReader(receiver.scheme().payloadType()));
        return true;
    }

    @Override
    public String toString() {
        return "WebRiskOpsWebhookFeature[" + receiver + "]";
    }
}
