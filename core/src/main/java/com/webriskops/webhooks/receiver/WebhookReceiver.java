package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.internal.LogSafe;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.spi.PayloadCheck;
import com.webriskops.webhooks.receiver.spi.SignatureCheck;
import com.webriskops.webhooks.receiver.spi.SignatureContext;
import com.webriskops.webhooks.receiver.spi.WebhookScheme;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification pipeline every adapter calls: takes an inbound request and decides, once and for
 * every container, whether the handler runs and what is answered otherwise.
 *
 * <p>Checks run cheapest first, and nothing is written to a store before the signature holds:
 *
 * <ol>
 *   <li>method, size, type and encoding: not {@code POST} → 405 with {@code Allow: POST}; body over
 *       {@link Builder#maxBodyBytes} → 413; not JSON, or a {@code Content-Encoding} other than
 *       {@code identity} → 415;
 *   <li>signature, as the {@linkplain #builder(WebhookScheme) scheme} defines it (WebRiskOps:
 *       timestamp, nonce and signature headers): present and well formed, signed within {@link
 *       Builder#timestampTolerance} both ways, HMAC matching a secret → else 401 {@code
 *       WEBHOOK_SIGNATURE_INVALID};
 *   <li>payload, the scheme's type: JSON → else 400; schema, event, required fields, header/body
 *       agreement → else 422 {@code WEBHOOK_VALIDATION_FAILED} with every violation;
 *   <li>{@linkplain Builder#policy policies}, which read the scheme's payload: 403 {@code WEBHOOK_FORBIDDEN}, 429 {@code
 *       WEBHOOK_RATE_LIMITED};
 *   <li>replay: the nonce (the scheme's replay id) is recorded atomically, under the scheme's name and
 *       the receiver's {@linkplain Builder#namespace namespace}; seen before → 401 {@code
 *       WEBHOOK_SIGNATURE_INVALID};
 *   <li>duplicate guard: completed key → 200 duplicate; key in progress → 429 {@code
 *       WEBHOOK_DELIVERY_IN_PROGRESS}; else the key is claimed and the handler runs;
 *   <li>{@link #finish}: the claim is completed when the handler answered 2xx, released otherwise.
 * </ol>
 *
 * <p>No input makes it throw or answer 5xx; a store that cannot be reached is the only 5xx (503 with
 * {@code Retry-After}). Immutable and thread-safe: build one per endpoint configuration and share it.
 *
 * <p>A receiver is typed by its scheme's payload: {@link #builder()} verifies the WebRiskOps scheme and
 * gives {@link TicketExportWebhook} payloads, {@link #builder(WebhookScheme)} any other scheme's.
 *
 * <pre>{@code
 * WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
 *         .secrets(WebhookSecret.of(System.getenv("WEBRISKOPS_WEBHOOK_SECRET")))
 *         .build();
 * }</pre>
 *
 * @param <P> the payload type of the scheme the receiver verifies
 */
public final class WebhookReceiver<P> {
    /** Default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Default accepted clock skew, in each direction: 300 seconds. */
    public static final Duration DEFAULT_TIMESTAMP_TOLERANCE = Duration.ofSeconds(300);
    /** Default time a handler may hold a claim before a retry may claim the key again. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);
    /** Default time a completed key answers "duplicate". */
    public static final Duration DEFAULT_COMPLETED_RETENTION = Duration.ofDays(7);
    /** The longest {@linkplain Builder#namespace namespace} (and scheme name), in characters. */
    public static final int MAX_NAMESPACE_LENGTH = 64;
    /** {@code Retry-After} sent with 503 when a store could not be reached. */
    public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final SecretResolver secretResolver;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Duration timestampTolerance;
    private final ReplayStore replayStore;
    private final IdempotencyStore idempotencyStore;
    private final Duration claimLease;
    private final Duration completedRetention;
    private final List<DeliveryPolicy<? super P>> policies;
    private final VerificationListener listener;
    private final WebhookScheme<P> scheme;
    private final String storePrefix;

    private WebhookReceiver(Builder<P> builder) {
        this.secretResolver = builder.secretResolver != null ? builder.secretResolver : request -> List.of();
        this.clock = builder.clock;
        this.maxBodyBytes = builder.maxBodyBytes;
        this.timestampTolerance = builder.timestampTolerance;
        this.replayStore = builder.replayStore != null ? builder.replayStore : new InMemoryReplayStore();
        this.idempotencyStore =
                builder.idempotencyStore != null ? builder.idempotencyStore : new InMemoryIdempotencyStore();
        this.claimLease = builder.claimLease;
        this.completedRetention = builder.completedRetention;
        this.policies = List.copyOf(builder.policies);
        this.listener = builder.listener;
        this.scheme = builder.scheme;
        this.storePrefix = builder.scheme.name() + ":" + builder.namespace + ":";
    }

    /**
     * A new builder for the WebRiskOps scheme ({@link WebRiskOpsScheme}). Secrets (or a secret
     * resolver) are required; everything else has a default.
     */
    public static Builder<TicketExportWebhook> builder() {
        return new Builder<>(WebRiskOpsScheme.ofDefaults());
    }

    /**
     * A new builder for {@code scheme}: its headers, HMAC input, payload type, replay id and
     * duplicate-guard key. Every other rule (size, type, timestamp window, policies, replay, duplicate
     * guard, answers) stays the receiver's. Secrets (or a secret resolver) are required; everything
     * else has a default.
     *
     * <pre>{@code
     * WebhookReceiver<VicketWebhook> receiver =
     *         WebhookReceiver.builder(VicketScheme.ofDefaults()).secrets(secret).build();
     * }</pre>
     *
     * @throws NullPointerException if {@code scheme} is null
     */
    public static <P> Builder<P> builder(WebhookScheme<P> scheme) {
        return new Builder<>(Objects.requireNonNull(scheme, "scheme"));
    }

    /** The scheme deliveries are verified with. */
    public WebhookScheme<P> scheme() {
        return scheme;
    }

    /** The body limit in bytes; adapters may use it to size their buffers. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Runs the checks on {@code request}. For {@link ReceiveResult.Accepted}, run the handler and then
     * call {@link #finish} (or {@link #abandon} if it threw); otherwise send {@link
     * ReceiveResult#answer()}.
     */
    public ReceiveResult<P> receive(InboundRequest request) {
        Objects.requireNonNull(request, "request");
        long started = System.nanoTime();
        ReceiveResult<P> result;
        try {
            result = evaluate(request);
        } catch (StoreException e) {
            LOG.warn("Webhook store unavailable; answering 503: {}", LogSafe.text(e));
            result = new ReceiveResult.Rejected<>(Rejection.unavailable(UNAVAILABLE_RETRY_AFTER));
        }
        notifyListener(result);
        ReceiveResult<P> decided = result;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        safely(() -> listener.onVerified(decided, elapsed));
        return result;
    }

    /**
     * Completes the delivery's claim when the handler answered 2xx, so retries get "duplicate";
     * releases it for any other status, so the sender's retry can succeed. Only the first call for a
     * delivery counts: a later {@code finish} or {@link #abandon} of the same delivery (a response
     * filter run twice, an async request that errs after completing) changes nothing and returns
     * {@link Finish#ALREADY_FINISHED}, so a completed key is never released and never completed twice.
     * Never throws for a store failure: it is logged, and the claim's lease frees the key later.
     * Thread-safe.
     *
     * @param status the HTTP status the handler answered
     * @return what was recorded
     */
    public Finish finish(VerifiedDelivery<P> delivery, int status) {
        Objects.requireNonNull(delivery, "delivery");
        if (!delivery.markFinished()) {
            LOG.debug(
                    "Webhook delivery {} was finished before; ignoring its finish with status {}",
                    LogSafe.text(delivery.idempotencyKey()),
                    status);
            return Finish.ALREADY_FINISHED;
        }
        Finish finish;
        try {
            if (status >= 200 && status < 300) {
                boolean completed = idempotencyStore.complete(
                        storeKey(delivery.idempotencyKey()),
                        delivery.claimToken(),
                        clock.instant(),
                        completedRetention);
                finish = completed ? Finish.COMPLETED : Finish.EXPIRED;
                if (!completed) {
                    LOG.warn(
                            "Webhook claim for idempotency key {} had expired before the handler finished; "
                                    + "consider a longer claim lease",
                            LogSafe.text(delivery.idempotencyKey()));
                }
            } else {
                idempotencyStore.release(storeKey(delivery.idempotencyKey()), delivery.claimToken());
                finish = Finish.RELEASED;
            }
        } catch (StoreException e) {
            LOG.warn(
                    "Could not record the outcome of webhook delivery {}: {}",
                    LogSafe.text(delivery.idempotencyKey()),
                    LogSafe.text(e));
            finish = Finish.NOT_RECORDED;
        }
        boolean completed = finish == Finish.COMPLETED;
        safely(() -> listener.onFinished(delivery, status, completed));
        return finish;
    }

    /**
     * Releases the delivery's claim because its handler failed without answering (threw): {@link
     * #finish} with 500. Like {@code finish}, only the first call for a delivery counts.
     *
     * @return what was recorded: {@link Finish#RELEASED}, or {@link Finish#ALREADY_FINISHED}
     */
    public Finish abandon(VerifiedDelivery<P> delivery) {
        return finish(delivery, 500);
    }

    private ReceiveResult<P> evaluate(InboundRequest request) {
        // 1. Method, size, type and encoding, before reading anything.
        String method = request.method();
        if (method != null && !method.equals("POST")) {
            return reject(Rejection.methodNotAllowed());
        }
        Long declaredLength = declaredLength(request);
        if (declaredLength != null && declaredLength > maxBodyBytes) {
            return reject(tooLarge());
        }
        if (!isJson(single(request, WebhookHeaders.CONTENT_TYPE))) {
            return reject(Rejection.validation(415, "Content-Type must be application/json."));
        }
        if (!isIdentityEncoded(request.headers(WebhookHeaders.CONTENT_ENCODING))) {
            return reject(Rejection.validation(
                    415, "Content-Encoding must be identity: the signature covers the body as sent, uncompressed."));
        }
        byte[] body;
        try {
            body = readBounded(request, declaredLength);
        } catch (IOException e) {
            return reject(Rejection.validation(400, "The body could not be read."));
        }
        if (body == null) {
            return reject(tooLarge());
        }

        // 2. Signature inputs, timestamp window, HMAC: the scheme's headers, the receiver's clock.
        Instant now = clock.instant();
        SignatureContext context = new RequestSignatureContext(request, secretResolver, now, timestampTolerance);
        SignatureCheck signature = scheme.verifySignature(request, body, context);
        if (signature instanceof SignatureCheck.Invalid invalid) {
            return reject(Rejection.signatureInvalid(invalid.detail()));
        }
        SignatureCheck.Valid valid = (SignatureCheck.Valid) signature;
        if (!context.isWithinTolerance(valid.signedAt())) {
            return reject(Rejection.signatureInvalid("The signature timestamp is outside the accepted window of "
                    + timestampTolerance.toSeconds() + " seconds."));
        }

        // 3. Payload: JSON, schema, header/body agreement.
        PayloadCheck<P> read = scheme.readPayload(request, body);
        if (read instanceof PayloadCheck.Malformed<P> malformed) {
            return reject(Rejection.validation(400, malformed.detail()));
        }
        if (read instanceof PayloadCheck.Invalid<P> invalid) {
            return reject(Rejection.invalidPayload(scheme.name(), invalid.violations()));
        }
        P payload = ((PayloadCheck.Valid<P>) read).payload();
        String idempotencyKey = scheme.idempotencyKey(payload);
        if (idempotencyKey == null || !WebhookProtocol.isValidIdempotencyKey(idempotencyKey)) {
            return reject(Rejection.invalidPayload(
                    scheme.name(),
                    List.of(new Violation(
                            "$",
                            "has no usable idempotency key (1 to " + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH
                                    + " printable ASCII characters)"))));
        }

        Instant occurredAt = scheme.occurredAt(payload);
        if (occurredAt != null && occurredAt.isBefore(now.minus(completedRetention))) {
            return reject(Rejection.invalidPayload(
                    scheme.name(),
                    List.of(new Violation(
                            "occurred_at",
                            "is older than the receiver's duplicate-guard retention of "
                                    + completedRetention.toSeconds()
                                    + " seconds: a replay could not be told apart from a new delivery"))));
        }

        // 4. Receiver policies, on the scheme's payload.
        for (DeliveryPolicy<? super P> policy : policies) {
            Rejection rejection = policy.check(payload, now);
            if (rejection != null) {
                return reject(rejection);
            }
        }

        // 5. Replay and 6. duplicate guard, in the scheme's order.
        if (scheme.duplicateGuardFirst()) {
            Claim claim = idempotencyStore.claim(storeKey(idempotencyKey), now, claimLease);
            if (claim.state() == Claim.State.CLAIMED && !recordReplayId(valid, now)) {
                idempotencyStore.release(storeKey(idempotencyKey), Objects.requireNonNull(claim.token()));
                safely(() -> listener.onReplayed(valid.replayId()));
                return reject(Rejection.signatureInvalid("This nonce was used before."));
            }
            return claimed(claim, now, payload, body, valid, idempotencyKey);
        }
        if (!recordReplayId(valid, now)) {
            safely(() -> listener.onReplayed(valid.replayId()));
            return reject(Rejection.signatureInvalid("This nonce was used before."));
        }
        return claimed(
                idempotencyStore.claim(storeKey(idempotencyKey), now, claimLease),
                now,
                payload,
                body,
                valid,
                idempotencyKey);
    }

    /** Records the replay id for as long as its timestamp could be accepted; false if it was seen. */
    private boolean recordReplayId(SignatureCheck.Valid valid, Instant now) {
        return replayStore.recordIfAbsent(
                storeKey(valid.replayId()), now, now.plus(timestampTolerance.multipliedBy(2)));
    }

    private ReceiveResult<P> claimed(
            Claim claim, Instant now, P payload, byte[] body, SignatureCheck.Valid valid, String idempotencyKey) {
        switch (claim.state()) {
            case COMPLETED:
                return new ReceiveResult.Duplicate<>(idempotencyKey);
            case IN_PROGRESS:
                Instant leaseEnd = Objects.requireNonNull(claim.leaseExpiresAt());
                Duration wait = Duration.between(now, leaseEnd);
                return reject(Rejection.inProgress(wait.isNegative() ? Duration.ZERO : wait));
            case CLAIMED:
            default:
                return new ReceiveResult.Accepted<>(new VerifiedDelivery<>(
                        scheme.name(),
                        payload,
                        body,
                        valid.signedAt(),
                        now,
                        idempotencyKey,
                        valid.replayId(),
                        scheme.attempt(payload),
                        Objects.requireNonNull(claim.token())));
        }
    }

    /**
     * The key as stores see it: {@code <scheme>:<namespace>:<key>}, so that receivers of different
     * schemes or namespaces sharing a store never answer each other's nonces or keys.
     */
    private String storeKey(String key) {
        return storePrefix + key;
    }

    private Rejection tooLarge() {
        return Rejection.validation(413, "The body is larger than " + maxBodyBytes + " bytes.");
    }

    /** The most a declared Content-Length alone makes the first body read allocate. */
    private static final int FIRST_READ = 64 * 1024;

    /**
     * The body, or null when it is longer than the limit. Reads at most the limit plus one byte. The
     * first read goes into an array of the expected size (the declared length, else what the stream
     * says is available), so a body of the size announced is read with one allocation and no copy.
     */
    @Nullable
    private byte[] readBounded(InboundRequest request, @Nullable Long declaredLength) throws IOException {
        try (InputStream in = request.body()) {
            int limit = maxBodyBytes + 1;
            // A declared length is trusted for the first allocation only up to 64 KiB (or what has
            // already arrived), so a request announcing a large body costs memory only as it is sent.
            long available = in.available();
            long hint = declaredLength != null ? Math.min(declaredLength, Math.max(FIRST_READ, available)) : available;
            int expected = (int) Math.max(0, Math.min(limit, hint));
            byte[] body = new byte[expected];
            int read = readFully(in, body, expected);
            if (read < expected) {
                return Arrays.copyOf(body, read);
            }
            if (read == limit) {
                return null;
            }
            int next = in.read();
            if (next < 0) {
                return body;
            }
            // More than the hint: read on up to the limit.
            byte[] rest = in.readNBytes(limit - read - 1);
            if (read + 1 + rest.length > maxBodyBytes) {
                return null;
            }
            byte[] all = Arrays.copyOf(body, read + 1 + rest.length);
            all[read] = (byte) next;
            System.arraycopy(rest, 0, all, read + 1, rest.length);
            return all;
        }
    }

    /** Reads until {@code length} bytes are in {@code into} or the stream ends; returns how many. */
    private static int readFully(InputStream in, byte[] into, int length) throws IOException {
        int read = 0;
        while (read < length) {
            int n = in.read(into, read, length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        return read;
    }

    @Nullable
    private static Long declaredLength(InboundRequest request) {
        String value = single(request, WebhookHeaders.CONTENT_LENGTH);
        if (value == null || value.isEmpty() || value.length() > 19) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(value);
    }

    /** True when no header or only {@code identity} codings are declared. */
    private static boolean isIdentityEncoded(List<String> contentEncodings) {
        for (String header : contentEncodings) {
            for (String coding : header.split(",", -1)) {
                String name = coding.strip();
                if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** The header's value when it occurs exactly once, else null. */
    @Nullable
    private static String single(InboundRequest request, String name) {
        List<String> values = request.headers(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    private ReceiveResult<P> reject(Rejection rejection) {
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "Rejected webhook delivery: {} {} ({})",
                    rejection.status(),
                    rejection.code(),
                    LogSafe.text(rejection.detail()));
        }
        return new ReceiveResult.Rejected<>(rejection);
    }

    private void notifyListener(ReceiveResult<P> result) {
        if (result instanceof ReceiveResult.Accepted<P> accepted) {
            safely(() -> listener.onAccepted(accepted.delivery()));
        } else if (result instanceof ReceiveResult.Duplicate<P> duplicate) {
            safely(() -> listener.onDuplicate(duplicate.idempotencyKey()));
        } else if (result instanceof ReceiveResult.Rejected<P> rejected) {
            safely(() -> listener.onRejected(rejected.rejection()));
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A VerificationListener threw; ignoring it", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookReceiver[scheme=" + scheme.name() + ", maxBodyBytes=" + maxBodyBytes + ", timestampTolerance="
                + timestampTolerance
                + ", replayStore=" + replayStore.getClass().getSimpleName() + ", idempotencyStore="
                + idempotencyStore.getClass().getSimpleName() + ", policies=" + policies.size() + "]";
    }

    /** What {@link #finish} recorded for a delivery. */
    public enum Finish {
        /** The handler answered 2xx and the key is now completed: retries are answered "duplicate". */
        COMPLETED,
        /** The handler did not answer 2xx (or threw): the key was released for the sender's retry. */
        RELEASED,
        /**
         * The handler answered 2xx after its claim's lease ran out, so the key was not completed (a retry
         * may hold it now): see {@link Builder#claimLease}.
         */
        EXPIRED,
        /** A store could not be reached: nothing was recorded, and the claim's lease frees the key. */
        NOT_RECORDED,
        /** The delivery was finished (or abandoned) before: this call changed nothing. */
        ALREADY_FINISHED
    }

    /**
     * Builds a {@link WebhookReceiver} for one scheme. Not thread-safe; {@link #build()} freezes a copy,
     * so the builder may be changed and reused afterwards.
     *
     * @param <P> the scheme's payload type
     */
    public static final class Builder<P> {
        private SecretResolver secretResolver;
        private List<WebhookSecret> fixedSecrets = List.of();
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration timestampTolerance = DEFAULT_TIMESTAMP_TOLERANCE;
        private ReplayStore replayStore;
        private IdempotencyStore idempotencyStore;
        private Duration claimLease = DEFAULT_CLAIM_LEASE;
        private Duration completedRetention = DEFAULT_COMPLETED_RETENTION;
        private final List<DeliveryPolicy<? super P>> policies = new ArrayList<>();
        private VerificationListener listener = VerificationListener.NONE;
        private final WebhookScheme<P> scheme;
        private String namespace = "";

        private Builder(WebhookScheme<P> scheme) {
            this.scheme = scheme;
        }

        /**
         * The secrets every request may be signed with; several during a rotation, one match is
         * enough. Replaces any earlier secrets or resolver.
         *
         * @throws IllegalArgumentException if none are given
         */
        public Builder<P> secrets(WebhookSecret... secrets) {
            return secrets(Arrays.asList(secrets));
        }

        /** Like {@link #secrets(WebhookSecret...)}. */
        public Builder<P> secrets(List<WebhookSecret> secrets) {
            Objects.requireNonNull(secrets, "secrets");
            if (secrets.isEmpty()) {
                throw new IllegalArgumentException("secrets must not be empty");
            }
            List<WebhookSecret> frozen = List.copyOf(secrets);
            this.secretResolver = request -> frozen;
            this.fixedSecrets = frozen;
            return this;
        }

        /** Chooses secrets per request, for endpoints with different secrets. Replaces {@link #secrets}. */
        public Builder<P> secretResolver(SecretResolver secretResolver) {
            this.secretResolver = Objects.requireNonNull(secretResolver, "secretResolver");
            this.fixedSecrets = List.of();
            return this;
        }

        /** The clock timestamps are checked against and stores are stamped with. Default: system UTC. */
        public Builder<P> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The largest body accepted, in bytes; larger ones get 413 without being read past the limit.
         * Default {@value #DEFAULT_MAX_BODY_BYTES}.
         *
         * @throws IllegalArgumentException if not between 1 and 64 MiB
         */
        public Builder<P> maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > 64 << 20) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and 64 MiB, not " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * How far a timestamp may be from the receiver's clock, in the past or the future. Default 300
         * seconds.
         *
         * @throws IllegalArgumentException if not between 1 second and 1 day
         */
        public Builder<P> timestampTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException(
                        "timestampTolerance must be between 1 s and 1 day, not " + tolerance);
            }
            this.timestampTolerance = tolerance;
            return this;
        }

        /** Where nonces are recorded. Default: a new {@link InMemoryReplayStore}. */
        public Builder<P> replayStore(ReplayStore replayStore) {
            this.replayStore = Objects.requireNonNull(replayStore, "replayStore");
            return this;
        }

        /** Where idempotency keys are claimed. Default: a new {@link InMemoryIdempotencyStore}. */
        public Builder<P> idempotencyStore(IdempotencyStore idempotencyStore) {
            this.idempotencyStore = Objects.requireNonNull(idempotencyStore, "idempotencyStore");
            return this;
        }

        /**
         * How long a handler may hold a key before a retry can claim it again (should exceed the
         * slowest handler). Default 5 minutes.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder<P> claimLease(Duration claimLease) {
            this.claimLease = positive(claimLease, "claimLease");
            return this;
        }

        /**
         * How long a completed key answers "duplicate" (should exceed the sender's retry horizon).
         * Default 7 days.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder<P> completedRetention(Duration completedRetention) {
            this.completedRetention = positive(completedRetention, "completedRetention");
            return this;
        }

        /**
         * Adds a policy; policies run in the order added, after the payload is valid and before any
         * store is written. A policy reads the scheme's payload: {@link AllowListPolicy} and {@link
         * RateLimitPolicy#perAccount} the WebRiskOps one, {@link RateLimitPolicy#perKey} and a policy
         * of the application's own any scheme's.
         */
        public Builder<P> policy(DeliveryPolicy<? super P> policy) {
            policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * The endpoint or tenant this receiver serves, kept apart from every other in shared stores:
         * nonces and idempotency keys are stored as {@code <scheme>:<namespace>:<key>}, so two
         * receivers that share a store but not a namespace (or a scheme) never answer each other's
         * deliveries "duplicate" or "nonce used before". Set a different one for each endpoint with its
         * own secret. Default: empty.
         *
         * @throws IllegalArgumentException if longer than {@value #MAX_NAMESPACE_LENGTH} characters or
         *     not made of {@code A-Z a-z 0-9 . _ -}
         */
        public Builder<P> namespace(String namespace) {
            Objects.requireNonNull(namespace, "namespace");
            if (namespace.length() > MAX_NAMESPACE_LENGTH || !isNameLike(namespace)) {
                throw new IllegalArgumentException(
                        "namespace must be at most " + MAX_NAMESPACE_LENGTH + " characters of A-Z a-z 0-9 . _ -");
            }
            this.namespace = namespace;
            return this;
        }

        /** Notified of every outcome. Default: none. */
        public Builder<P> listener(VerificationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException if neither secrets nor a secret resolver were given for a scheme
         *     that {@linkplain WebhookScheme#usesReceiverSecrets() uses them}, or some were given for one
         *     that holds its own keys, or a secret given to {@link #secrets} is shorter than {@value
         *     WebhookSecret#MIN_RECEIVING_KEY_BYTES} bytes and not {@linkplain WebhookSecret#forTesting a test
         *     key} (the message names the rule, never the secret)
         */
        public WebhookReceiver<P> build() {
            String name = scheme.name();
            if (name == null || name.isEmpty() || name.length() > MAX_NAMESPACE_LENGTH || !isNameLike(name)) {
                throw new IllegalStateException("the scheme's name must be 1 to " + MAX_NAMESPACE_LENGTH
                        + " characters of A-Z a-z 0-9 . _ -: it prefixes the keys the receiver stores");
            }
            if (secretResolver == null && scheme.usesReceiverSecrets()) {
                throw new IllegalStateException("secrets or a secretResolver are required");
            }
            if (secretResolver != null && !scheme.usesReceiverSecrets()) {
                throw new IllegalStateException("the " + scheme.name()
                        + " scheme holds its own keys: set them on the scheme, not secrets on the receiver");
            }
            if (fixedSecrets.stream().anyMatch(WebhookSecret::isTooShortForReceiving)) {
                throw new IllegalStateException(
                        "a webhook secret is shorter than " + WebhookSecret.MIN_RECEIVING_KEY_BYTES
                                + " bytes: use a long random secret, or WebhookSecret.forTesting(...) for a test key");
            }
            return new WebhookReceiver<>(this);
        }

        private static boolean isNameLike(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || c == '.'
                        || c == '_'
                        || c == '-';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + value);
            }
            return value;
        }
    }
}
