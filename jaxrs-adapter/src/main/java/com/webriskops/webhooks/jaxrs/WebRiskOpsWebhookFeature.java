package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.DeliveryPolicy;
import com.webriskops.webhooks.receiver.SecretResolver;
import com.webriskops.webhooks.receiver.VerificationListener;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Verifies WebRiskOps webhook deliveries in any JAX-RS 3.1+ application (Jersey 3.1 and 4.0 and
 * RESTEasy 6.2 are tested): register it once, annotate the receiving resource methods with {@link
 * VerifiedWebhook}, and those methods only ever run for verified, validated, first-time deliveries.
 *
 * <pre>{@code
 * resourceConfig.register(WebRiskOpsWebhookFeature.builder()
 *         .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
 *         .build());
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
 *   <li>a JSON reader for {@link com.webriskops.webhooks.payload.TicketExportWebhook} entity
 *       parameters using the kit's JSON settings, limited to that type so the application's own JSON
 *       handling is untouched.
 * </ul>
 *
 * <p>Every decision is the pipeline's; this feature only translates between JAX-RS and {@link
 * WebhookReceiver}. For endpoints with different secrets, give a {@link SecretResolver}: it sees the
 * request's decoded path, application path included. Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class WebRiskOpsWebhookFeature implements Feature {
    private final WebhookReceiver<?> receiver;

    private WebRiskOpsWebhookFeature(WebhookReceiver<?> receiver) {
        this.receiver = receiver;
    }

    /**
     * A feature that verifies deliveries with {@code receiver}.
     *
     * @throws NullPointerException if {@code receiver} is null
     */
    public static WebRiskOpsWebhookFeature of(WebhookReceiver<?> receiver) {
        return new WebRiskOpsWebhookFeature(Objects.requireNonNull(receiver, "receiver"));
    }

    /**
     * A builder with the settings of {@link WebhookReceiver#builder()}: secrets (or a secret resolver)
     * are required, everything else has a default.
     */
    public static Builder builder() {
        return new Builder();
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
        return true;
    }

    @Override
    public String toString() {
        return "WebRiskOpsWebhookFeature[" + receiver + "]";
    }

    /**
     * Builds a {@link WebRiskOpsWebhookFeature} by building a {@link WebhookReceiver}; each setting is
     * the receiver builder's setting of the same name. Not thread-safe; {@link #build()} freezes a
     * copy, so the builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private final WebhookReceiver.Builder<TicketExportWebhook> receiver = WebhookReceiver.builder();

        private Builder() {}

        /**
         * See {@link WebhookReceiver.Builder#secrets(WebhookSecret...)}.
         *
         * @throws IllegalArgumentException if none are given
         */
        public Builder secrets(WebhookSecret... secrets) {
            receiver.secrets(secrets);
            return this;
        }

        /**
         * See {@link WebhookReceiver.Builder#secrets(List)}.
         *
         * @throws IllegalArgumentException if the list is empty
         */
        public Builder secrets(List<WebhookSecret> secrets) {
            receiver.secrets(secrets);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#secretResolver}. */
        public Builder secretResolver(SecretResolver secretResolver) {
            receiver.secretResolver(secretResolver);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#clock}. */
        public Builder clock(Clock clock) {
            receiver.clock(clock);
            return this;
        }

        /**
         * See {@link WebhookReceiver.Builder#maxBodyBytes}.
         *
         * @throws IllegalArgumentException if not between 1 and 64 MiB
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            receiver.maxBodyBytes(maxBodyBytes);
            return this;
        }

        /**
         * See {@link WebhookReceiver.Builder#timestampTolerance}.
         *
         * @throws IllegalArgumentException if not between 1 second and 1 day
         */
        public Builder timestampTolerance(Duration tolerance) {
            receiver.timestampTolerance(tolerance);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#replayStore}. */
        public Builder replayStore(ReplayStore replayStore) {
            receiver.replayStore(replayStore);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#idempotencyStore}. */
        public Builder idempotencyStore(IdempotencyStore idempotencyStore) {
            receiver.idempotencyStore(idempotencyStore);
            return this;
        }

        /**
         * See {@link WebhookReceiver.Builder#claimLease}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder claimLease(Duration claimLease) {
            receiver.claimLease(claimLease);
            return this;
        }

        /**
         * See {@link WebhookReceiver.Builder#completedRetention}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder completedRetention(Duration completedRetention) {
            receiver.completedRetention(completedRetention);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#policy}. */
        public Builder policy(DeliveryPolicy<? super TicketExportWebhook> policy) {
            receiver.policy(policy);
            return this;
        }

        /** See {@link WebhookReceiver.Builder#listener}. */
        public Builder listener(VerificationListener listener) {
            receiver.listener(listener);
            return this;
        }

        /**
         * @throws IllegalStateException if neither secrets nor a secret resolver were given
         */
        public WebRiskOpsWebhookFeature build() {
            return new WebRiskOpsWebhookFeature(receiver.build());
        }
    }
}
