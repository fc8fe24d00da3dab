package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;

/**
 * Idempotent API endpoints in any JAX-RS 3.1+ application: registers the {@link SharedSecretRequired}
 * check and the {@link IdempotentRequest} filter pair, each when configured. Separate from {@link
 * WebRiskOpsWebhookFeature} because API endpoints (such as the scanner postback) are not webhook
 * deliveries; an application may register both.
 *
 * <pre>{@code
 * resourceConfig.register(IdempotentApiFeature.builder()
 *         .sharedSecretCheck(SharedSecretCheck.of(SharedSecret.of(System.getenv("WRO_SCANNER_SHARED_SECRET"))))
 *         .idempotentRequests(IdempotentRequests.builder().store(store).build())
 *         .build());
 * }</pre>
 *
 * <p>The secret check runs at {@link jakarta.ws.rs.Priorities#AUTHENTICATION}, the idempotency filter
 * after authorization, so a refused request claims no key. Every decision is core's ({@link
 * IdempotentRequests}, {@link SharedSecretCheck}); this feature only translates. Immutable and
 * thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class IdempotentApiFeature implements Feature {
    private final @Nullable IdempotentRequests idempotentRequests;
    private final @Nullable SharedSecretCheck sharedSecretCheck;

    private IdempotentApiFeature(Builder builder) {
        this.idempotentRequests = builder.idempotentRequests;
        this.sharedSecretCheck = builder.sharedSecretCheck;
    }

    /** A new builder; at least one of the idempotency engine and the secret check is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Registers the configured filters; always returns true. */
    @Override
    public boolean configure(FeatureContext context) {
        if (sharedSecretCheck != null) {
            context.register(new SharedSecretFilter(sharedSecretCheck));
        }
        if (idempotentRequests != null) {
            context.register(new IdempotencyFilter(idempotentRequests));
        }
        return true;
    }

    @Override
    public String toString() {
        return "IdempotentApiFeature[" + idempotentRequests + ", " + sharedSecretCheck + "]";
    }

    /**
     * Builds an {@link IdempotentApiFeature}. Not thread-safe; {@link #build()} freezes a copy, so the
     * builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private @Nullable IdempotentRequests idempotentRequests;
        private @Nullable SharedSecretCheck sharedSecretCheck;

        private Builder() {}

        /** The engine behind {@link IdempotentRequest} methods. */
        public Builder idempotentRequests(IdempotentRequests idempotentRequests) {
            this.idempotentRequests = Objects.requireNonNull(idempotentRequests, "idempotentRequests");
            return this;
        }

        /** The check behind {@link SharedSecretRequired} methods. */
        public Builder sharedSecretCheck(SharedSecretCheck sharedSecretCheck) {
            this.sharedSecretCheck = Objects.requireNonNull(sharedSecretCheck, "sharedSecretCheck");
            return this;
        }

        /**
         * The feature.
         *
         * @throws IllegalStateException if neither an engine nor a check was given
         */
        public IdempotentApiFeature build() {
            if (idempotentRequests == null && sharedSecretCheck == null) {
                throw new IllegalStateException("give idempotentRequests, sharedSecretCheck or both");
            }
            return new IdempotentApiFeature(this);
        }
    }
}
