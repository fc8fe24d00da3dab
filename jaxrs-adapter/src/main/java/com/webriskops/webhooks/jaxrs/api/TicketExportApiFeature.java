package com.webriskops.webhooks.jaxrs.api;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.IdempotentRequests.KeyScopeResolver;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.jaxrs.IdempotentApiFeature;
import com.webriskops.webhooks.ratelimit.TokenBuckets;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.TargetSafety;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ticket-export HTTP API of the product documents in any JAX-RS 3.1+ application, in one
 * registration: targets ({@code /api/ticket-export-targets}: create, list, read, disable, delete,
 * set the signing credential) and exports ({@code /api/ticket-exports/{id}}: approve, status,
 * retry, portable fallback), behind the application's {@link ApiAuthoriser}.
 *
 * <pre>{@code
 * resourceConfig.register(TicketExportApiFeature.builder()
 *         .targetStore(stores.targetStore())
 *         .credentials(credentialStore)                 // or the application's vault
 *         .preparedExports((owner, exportId) -> myExports.find(owner, exportId))
 *         .deliveryStore(stores.deliveryStore())
 *         .authoriser(BearerTokenAuthoriser.builder().token(System.getenv("WEBRISKOPS_API_TOKEN"), "automation").build())
 *         .ownerResolver(principal -> tenants.of(principal))  // default: each caller owns its own
 *         .idempotencyStore(stores.idempotentResponseStore())  // keys scoped per owner
 *         .onEnqueue(dispatcher::wakeUp)
 *         .build());
 * }</pre>
 *
 * <p>Every target and every export belongs to an owner: the authorised caller, or the tenant the
 * {@link OwnerResolver} names for it. Every call sees only its owner's targets and exports; another
 * owner's id answers 404 exactly as an unknown id does.
 *
 * <p>Private networks are the application's decision: callers open none unless {@link
 * Builder#allowPrivateNetworks} lists ranges they may use, and never loopback, link-local or cloud
 * metadata addresses. Creating a target runs only the URL checks that need no DNS; every violation
 * of a request is listed in one 422. The rules, for targets and for exports (approve, status, retry,
 * fallback), are core's {@link com.webriskops.webhooks.sender.target.TargetSafety.ApiRules}; the
 * resources only translate.
 *
 * <p>The API approves exports the application prepared ({@link PreparedExports}); it never authors
 * one. Approval and retry enqueue into the {@link DeliveryStore} a {@link
 * com.webriskops.webhooks.sender.outbox.Dispatcher} drains (built with {@code
 * targetStore.lookup(credentials)} as its target lookup). Signing secrets are write-only: no answer
 * and no log line ever holds one. Answers are JSON with snake_case members; refusals are {@code
 * application/problem+json} with a {@code code}: {@code UNAUTHORIZED} (401), {@code FORBIDDEN} (403),
 * {@code NOT_FOUND} (404), {@code VALIDATION_FAILED} (422 with {@code violations}) or the target's
 * blocking code ({@code generic_webhook_url_unsafe}, {@code generic_webhook_secret_missing}, with
 * {@code provider_code}; 422).
 *
 * <p>When {@link Builder#idempotentRequests} is given, the create-target, approve and retry calls
 * honour {@code Idempotency-Key} through the kit's {@link IdempotentApiFeature} filter (same key and
 * body: the first answer again; different body: 422). Immutable and thread-safe.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class TicketExportApiFeature implements Feature {
    private final ExportApi api;
    private final ApiAuthoriser authoriser;
    private final OwnerResolver owners;
    private final @Nullable IdempotentRequests idempotentRequests;
    private final @Nullable TokenBuckets rateLimit;
    private final Clock clock;

    private TicketExportApiFeature(Builder builder) {
        this.api = new ExportApi(
                builder.targetStore,
                builder.credentials,
                builder.preparedExports,
                builder.deliveryStore,
                builder.targetSafety,
                builder.privateRanges,
                builder.clock,
                builder.onEnqueue);
        this.authoriser = builder.authoriser;
        this.owners = builder.owners;
        this.idempotentRequests = builder.idempotentRequests != null
                ? builder.idempotentRequests
                : builder.idempotencyStore == null
                        ? null
                        : IdempotentRequests.builder()
                                .store(builder.idempotencyStore)
                                .clock(builder.clock)
                                .keyScopeResolver(KeyScopeResolver.principalName())
                                .build();
        this.rateLimit = builder.ratePermits > 0
                ? new TokenBuckets(builder.ratePermits, builder.ratePeriod, RATE_LIMIT_MAX_CALLERS)
                : null;
        this.clock = builder.clock;
    }

    /** Most callers tracked by the rate limit at once. */
    static final int RATE_LIMIT_MAX_CALLERS = 10_000;

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the two resources, the authorisation filter and, when configured, the idempotency
     * filter; always returns true.
     */
    @Override
    public boolean configure(FeatureContext context) {
        context.register(new AuthorisationFilter(authoriser, owners, rateLimit, clock));
        context.register(new TicketExportTargetsResource(api));
        context.register(new TicketExportsResource(api));
        if (idempotentRequests != null) {
            IdempotentApiFeature.builder()
                    .idempotentRequests(idempotentRequests)
                    .build()
                    .configure(context);
        }
        return true;
    }

    @Override
    public String toString() {
        return "TicketExportApiFeature[" + api + ", " + authoriser + "]";
    }

    /**
     * Builds a {@link TicketExportApiFeature}. Not thread-safe; {@link #build()} freezes a copy, so the
     * builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private TargetStore targetStore;
        private CredentialProvider credentials;
        private PreparedExports preparedExports;
        private DeliveryStore deliveryStore;
        private ApiAuthoriser authoriser;
        private OwnerResolver owners = OwnerResolver.principalName();
        private @Nullable IdempotentResponseStore idempotencyStore;
        private TargetSafety targetSafety = TargetSafety.ofDefaults();
        private List<Cidr> privateRanges = List.of();
        private Clock clock = Clock.systemUTC();
        private Runnable onEnqueue = () -> {};
        private @Nullable IdempotentRequests idempotentRequests;
        private int ratePermits;
        private Duration ratePeriod = Duration.ofMinutes(1);

        private Builder() {}

        /** Where targets are kept (required). */
        public Builder targetStore(TargetStore targetStore) {
            this.targetStore = Objects.requireNonNull(targetStore, "targetStore");
            return this;
        }

        /**
         * Where signing secrets come from (required). When it is a {@link
         * com.webriskops.webhooks.sender.spi.CredentialStore}, the API's create and credential calls write
         * secrets to it; otherwise they are the application's business and those calls refuse a
         * secret with 409 {@code CREDENTIALS_MANAGED_ELSEWHERE}.
         */
        public Builder credentials(CredentialProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** The application's prepared exports (required). */
        public Builder preparedExports(PreparedExports preparedExports) {
            this.preparedExports = Objects.requireNonNull(preparedExports, "preparedExports");
            return this;
        }

        /** The outbox approvals enqueue into and status is read from (required). */
        public Builder deliveryStore(DeliveryStore deliveryStore) {
            this.deliveryStore = Objects.requireNonNull(deliveryStore, "deliveryStore");
            return this;
        }

        /** Who may call (required); see {@link BearerTokenAuthoriser}. */
        public Builder authoriser(ApiAuthoriser authoriser) {
            this.authoriser = Objects.requireNonNull(authoriser, "authoriser");
            return this;
        }

        /**
         * Who owns what a caller creates and approves, from the authorised principal. Default {@link
         * OwnerResolver#principalName()}: each caller sees only its own targets and exports.
         */
        public Builder ownerResolver(OwnerResolver owners) {
            this.owners = Objects.requireNonNull(owners, "owners");
            return this;
        }

        /**
         * Where {@code Idempotency-Key} answers are kept, with keys scoped per owner (the safe
         * default of this API); {@link #idempotentRequests} instead gives the whole engine. Default:
         * none (the header is ignored).
         */
        public Builder idempotencyStore(IdempotentResponseStore idempotencyStore) {
            this.idempotencyStore = Objects.requireNonNull(idempotencyStore, "idempotencyStore");
            return this;
        }

        /**
         * The check run before an export is approved or retried ({@link TargetSafety#checkForCaller}: it
         * resolves the target's host, and answers every address problem alike). Saving a target runs
         * only the checks that need no DNS. Default {@link TargetSafety#ofDefaults()}.
         */
        public Builder targetSafety(TargetSafety targetSafety) {
            this.targetSafety = Objects.requireNonNull(targetSafety, "targetSafety");
            return this;
        }

        /**
         * The private networks callers may open: a caller may then create a {@code self-hosted} target
         * with {@code private_network_policy} {@code allowlist} whose {@code private_network_allowlist}
         * entries all lie inside these ranges. Default: none, so any private policy or allowlist from a
         * caller is refused (422), and a private or loopback {@code base_url} is {@code
         * generic_webhook_url_unsafe}. Loopback, link-local and cloud metadata addresses are never
         * opened through the API, even when a range here covers them: the application creates such
         * targets itself through its {@link TargetStore}. Replaces earlier ranges.
         *
         * @throws IllegalArgumentException if an entry is not a canonical CIDR such as {@code 10.20.0.0/16}
         */
        public Builder allowPrivateNetworks(String... ranges) {
            List<Cidr> parsed = new ArrayList<>();
            for (String range : ranges) {
                parsed.add(Cidr.parse(Objects.requireNonNull(range, "range")));
            }
            this.privateRanges = List.copyOf(parsed);
            return this;
        }

        /** {@link #allowPrivateNetworks(String...)} with parsed ranges. */
        public Builder allowPrivateNetworks(List<Cidr> ranges) {
            this.privateRanges = List.copyOf(ranges);
            return this;
        }

        /** The clock of creation times and of {@code retry_after_seconds}. Default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Called after an approval or retry enqueued a delivery, such as {@code dispatcher::wakeUp}.
         * Default: nothing. Must not block; an exception it throws is logged and ignored.
         */
        public Builder onEnqueue(Runnable onEnqueue) {
            this.onEnqueue = Objects.requireNonNull(onEnqueue, "onEnqueue");
            return this;
        }

        /**
         * The engine behind {@code Idempotency-Key} on the create-target, approve and retry calls;
         * scope it per owner with {@link KeyScopeResolver#principalName()} (the principal this API
         * installs is the call's owner), or give only the store with {@link #idempotencyStore}, which
         * does so. Default: none (the header is ignored).
         */
        public Builder idempotentRequests(IdempotentRequests idempotentRequests) {
            this.idempotentRequests = Objects.requireNonNull(idempotentRequests, "idempotentRequests");
            return this;
        }

        /**
         * Limits each authorised caller to {@code permits} calls per {@code period} (a token bucket
         * per principal, in memory); beyond it, 429 {@code RATE_LIMITED} with {@code Retry-After}.
         * Default: no limit.
         *
         * @throws IllegalArgumentException if {@code permits} or {@code period} is not positive
         */
        public Builder rateLimit(int permits, Duration period) {
            Objects.requireNonNull(period, "period");
            if (permits <= 0 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("rate limit needs positive permits and period");
            }
            this.ratePermits = permits;
            this.ratePeriod = period;
            return this;
        }

        /**
         * The feature.
         *
         * @throws IllegalStateException if a required part is missing
         */
        public TicketExportApiFeature build() {
            require(targetStore, "targetStore");
            require(credentials, "credentials");
            require(preparedExports, "preparedExports");
            require(deliveryStore, "deliveryStore");
            require(authoriser, "authoriser");
            return new TicketExportApiFeature(this);
        }

        private static void require(@Nullable Object part, String name) {
            if (part == null) {
                throw new IllegalStateException(name + " is required");
            }
        }
    }
}
