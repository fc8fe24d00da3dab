package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.idempotency.Decision.BodyCapture;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.KeyClaim;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.ProblemDetails;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes API requests with an {@code Idempotency-Key} header safe to retry; the adapters' idempotency
 * filters call it and only translate. Build one per endpoint configuration and share it.
 *
 * <pre>{@code
 * IdempotentRequests idempotency = IdempotentRequests.builder()
 *         .store(IdempotentResponseStore.inMemory())   // or JdbiStores' idempotentResponseStore()
 *         .keyScopeResolver(KeyScopeResolver.principalName())
 *         .build();
 * }</pre>
 *
 * <p>For each request, {@link #begin} decides:
 *
 * <ul>
 *   <li>no {@code Idempotency-Key}: {@link Decision.PassThrough}, nothing is read or stored;
 *   <li>a key that is not 1 to 255 printable ASCII characters, or repeated: 400 {@link
 *       ErrorCode#IDEMPOTENCY_KEY_INVALID}; a body over {@link Builder#maxRequestBodyBytes}: 413
 *       {@link ErrorCode#VALIDATION_FAILED};
 *   <li>otherwise the request's fingerprint (SHA-256 over the method, the raw path and the SHA-256
 *       of the body) is computed and the key, in the scope the {@link KeyScopeResolver} gives, is
 *       claimed for {@link Builder#claimLease}. First time: {@link Decision.Proceed}, the handler
 *       runs. Same key, different fingerprint: 422 {@link ErrorCode#IDEMPOTENCY_KEY_REUSED}. Same
 *       key and fingerprint, first request still running: 409 {@link
 *       ErrorCode#IDEMPOTENCY_REQUEST_IN_PROGRESS} with {@code Retry-After}. Same key and
 *       fingerprint, completed: the stored answer (status, content type, body byte for byte) with
 *       {@value #REPLAYED_HEADER}{@code : true}, and the handler does not run;
 *   <li>the store could not answer: 503 {@link ErrorCode#IDEMPOTENCY_STORE_UNAVAILABLE} with
 *       {@code Retry-After}.
 * </ul>
 *
 * <p>After the handler, {@link #finish} stores a 2xx, 3xx or 4xx answer for {@link Builder#keyTimeToLive}
 * (default 24 hours, counted from completion). It releases the key instead, so that the client's
 * retry runs the handler again, when the answer is 5xx, when its body is larger than {@link
 * Builder#maxStoredBodyBytes} (default 64 KiB: such answers are never replayed) or its content type
 * longer than 255 characters; {@link #abandon} releases it when the handler threw. Other response
 * headers are not stored. If storing fails, the client already has its answer; the claim then frees
 * the key when its lease runs out.
 *
 * <p>Refusals are {@code application/problem+json} with a {@code code} member, and never echo the
 * key, the body or any header. Immutable and thread-safe.
 */
public final class IdempotentRequests {
    /** The request header carrying the key. */
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** The header marking a replayed stored answer, with the value {@code true}. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** Default time a completed key keeps its answer: 24 hours. */
    public static final Duration DEFAULT_KEY_TIME_TO_LIVE = Duration.ofHours(24);
    /** Default time a running request holds its key before a retry may claim it again. */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(5);
    /** Default {@code Retry-After} of the 409 for a request still running. */
    public static final Duration DEFAULT_IN_PROGRESS_RETRY_AFTER = Duration.ofSeconds(1);
    /** {@code Retry-After} of the 503 when the store could not answer. */
    public static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(30);
    /** Default largest stored answer body: 64 KiB. */
    public static final int DEFAULT_MAX_STORED_BODY_BYTES = 64 * 1024;
    /** Largest settable stored answer body: 16 MiB. */
    public static final int MAX_STORED_BODY_BYTES = 16 * 1024 * 1024;
    /** Default largest request body read: 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentRequests.class);

    private final IdempotentResponseStore store;
    private final Clock clock;
    private final Duration keyTimeToLive;
    private final Duration claimLease;
    private final Duration inProgressRetryAfter;
    private final int maxStoredBodyBytes;
    private final int maxRequestBodyBytes;
    private final KeyScopeResolver keyScopeResolver;

    private IdempotentRequests(Builder builder) {
        this.store = builder.store != null ? builder.store : IdempotentResponseStore.inMemory();
        this.clock = builder.clock;
        this.keyTimeToLive = builder.keyTimeToLive;
        this.claimLease = builder.claimLease;
        this.inProgressRetryAfter = builder.inProgressRetryAfter;
        this.maxStoredBodyBytes = builder.maxStoredBodyBytes;
        this.maxRequestBodyBytes = builder.maxRequestBodyBytes;
        this.keyScopeResolver = builder.keyScopeResolver;
    }

    /** A new builder; every setting has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Defaults throughout: an in-memory store, the system clock, one global scope. */
    public static IdempotentRequests ofDefaults() {
        return builder().build();
    }

    /** The store keys are kept in. */
    public IdempotentResponseStore store() {
        return store;
    }

    /** The largest request body read; larger ones are refused with 413. */
    public int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    /**
     * Decides what to do with {@code request}; see the class description. Reads the body (within
     * {@link #maxRequestBodyBytes()}) only when the request carries a valid key.
     *
     * @throws IOException if the request body cannot be read
     * @throws NullPointerException if {@code request} or what the scope resolver returns is null
     */
    public Decision begin(ApiRequest request) throws IOException {
        Objects.requireNonNull(request, "request");
        List<String> keys = request.headers(IDEMPOTENCY_KEY_HEADER);
        if (keys.isEmpty()) {
            return Decision.PassThrough.INSTANCE;
        }
        if (keys.size() > 1 || !WebhookProtocol.isValidIdempotencyKey(keys.get(0))) {
            return refuse(
                    400,
                    ErrorCode.IDEMPOTENCY_KEY_INVALID,
                    "The " + IDEMPOTENCY_KEY_HEADER + " header must appear once, with 1 to "
                            + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH + " printable ASCII characters.",
                    null);
        }
        String key = keys.get(0);
        String scope = Fingerprints.boundedScope(
                Objects.requireNonNull(keyScopeResolver.scope(request), "the key scope resolver returned null"));
        byte[] body = readBody(request);
        if (body == null) {
            return refuse(
                    413,
                    ErrorCode.VALIDATION_FAILED,
                    "The request body is larger than " + maxRequestBodyBytes + " bytes.",
                    null);
        }
        String fingerprint = Fingerprints.of(request.method(), request.path(), body);
        KeyClaim claim;
        try {
            claim = store.claim(scope, key, fingerprint, clock.instant(), claimLease);
        } catch (StoreException e) {
            LOG.warn("Idempotency store could not claim a key; answering 503", e);
            return refuse(
                    503,
                    ErrorCode.IDEMPOTENCY_STORE_UNAVAILABLE,
                    "The idempotency store could not be reached; retry later with the same key.",
                    UNAVAILABLE_RETRY_AFTER);
        }
        IdempotencyRecord record = claim.record();
        if (claim.claimed()) {
            return new Decision.Proceed(scope, key, Objects.requireNonNull(record.token()), body, maxStoredBodyBytes);
        }
        if (!record.fingerprint().equals(fingerprint)) {
            return refuse(
                    422,
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This " + IDEMPOTENCY_KEY_HEADER + " was used with a different request (method, path or"
                            + " body); use a new key for a new request.",
                    null);
        }
        StoredResponse stored = record.response();
        if (stored == null) {
            return refuse(
                    409,
                    ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                    "The first request with this " + IDEMPOTENCY_KEY_HEADER + " is still running; retry later.",
                    inProgressRetryAfter);
        }
        LOG.debug("Replaying the stored answer (status {}) of an idempotency key", stored.status());
        return new Decision.Respond(
                HttpAnswer.of(stored.status(), stored.contentType(), Map.of(REPLAYED_HEADER, "true"), stored.body()),
                true);
    }

    /**
     * Records the handler's answer for a claimed key: stores it when it is storable (see the class
     * description), releases the key otherwise. Acts once per {@code proceed}; later calls do nothing.
     * Never throws for a store failure: it is logged, and the claim's lease frees the key.
     *
     * @param proceed the decision {@link #begin} returned
     * @param status the status the handler answered
     * @param contentType the {@code Content-Type} sent, or null
     * @param body what was written of the body
     */
    public void finish(Decision.Proceed proceed, int status, @Nullable String contentType, BodyCapture body) {
        Objects.requireNonNull(proceed, "proceed");
        Objects.requireNonNull(body, "body");
        if (!proceed.markFinished()) {
            return;
        }
        boolean storable = status >= 200
                && status <= 499
                && !body.overflowed()
                && (contentType == null || contentType.length() <= StoredResponse.MAX_CONTENT_TYPE_LENGTH);
        if (!storable) {
            LOG.debug("Not storing an answer with status {}; releasing its idempotency key", status);
            release(proceed);
            return;
        }
        try {
            StoredResponse response = new StoredResponse(status, contentType, body.bytes());
            if (!store.complete(
                    proceed.scope(),
                    proceed.idempotencyKey(),
                    proceed.token(),
                    response,
                    clock.instant(),
                    keyTimeToLive)) {
                LOG.warn("An idempotency key's claim ran out before its answer could be stored");
            }
        } catch (StoreException e) {
            LOG.warn("Idempotency store could not store an answer; the key frees when its lease runs out", e);
        }
    }

    /**
     * Releases a claimed key because the handler failed without an answer, so the client's retry runs
     * it again. Acts once per {@code proceed}, and not after {@link #finish}. Never throws for a store
     * failure: it is logged, and the claim's lease frees the key.
     */
    public void abandon(Decision.Proceed proceed) {
        Objects.requireNonNull(proceed, "proceed");
        if (proceed.markFinished()) {
            release(proceed);
        }
    }

    private void release(Decision.Proceed proceed) {
        try {
            store.release(proceed.scope(), proceed.idempotencyKey(), proceed.token());
        } catch (StoreException e) {
            LOG.warn("Idempotency store could not release a key; it frees when its lease runs out", e);
        }
    }

    @Nullable
    private byte[] readBody(ApiRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.body()) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (out.size() + (long) read > maxRequestBodyBytes) {
                    return null;
                }
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    private static Decision refuse(int status, ErrorCode code, String detail, @Nullable Duration retryAfter) {
        return new Decision.Respond(
                ProblemDetails.render(status, code.wireValue(), detail, List.of(), retryAfter, Map.of()), false);
    }

    @Override
    public String toString() {
        return "IdempotentRequests[store=" + store + ", keyTimeToLive=" + keyTimeToLive + ", claimLease=" + claimLease
                + ", maxStoredBodyBytes=" + maxStoredBodyBytes + "]";
    }

    /**
     * Builds {@link IdempotentRequests}. Not thread-safe; {@link #build()} freezes a copy, so the
     * builder may be changed and reused afterwards.
     */
    public static final class Builder {
        private @Nullable IdempotentResponseStore store;
        private Clock clock = Clock.systemUTC();
        private Duration keyTimeToLive = DEFAULT_KEY_TIME_TO_LIVE;
        private Duration claimLease = DEFAULT_CLAIM_LEASE;
        private Duration inProgressRetryAfter = DEFAULT_IN_PROGRESS_RETRY_AFTER;
        private int maxStoredBodyBytes = DEFAULT_MAX_STORED_BODY_BYTES;
        private int maxRequestBodyBytes = DEFAULT_MAX_REQUEST_BODY_BYTES;
        private KeyScopeResolver keyScopeResolver = KeyScopeResolver.global();

        private Builder() {}

        /** Where keys are kept (default: a new {@link IdempotentResponseStore#inMemory()} per build). */
        public Builder store(IdempotentResponseStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock for leases and time to live (default the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a completed key keeps its answer, from completion (default 24 hours).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder keyTimeToLive(Duration keyTimeToLive) {
            this.keyTimeToLive = positive(keyTimeToLive, "keyTimeToLive");
            return this;
        }

        /**
         * How long a running request holds its key before a retry may claim it again, should the
         * request never finish (default 5 minutes). Make it longer than the handler's slowest run.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder claimLease(Duration claimLease) {
            this.claimLease = positive(claimLease, "claimLease");
            return this;
        }

        /**
         * The {@code Retry-After} of the 409 for a request still running (default 1 second).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder inProgressRetryAfter(Duration inProgressRetryAfter) {
            this.inProgressRetryAfter = positive(inProgressRetryAfter, "inProgressRetryAfter");
            return this;
        }

        /**
         * The largest answer body stored (default 64 KiB); a larger answer reaches the client but is
         * not stored, and its key is released.
         *
         * @throws IllegalArgumentException if not between 0 and 16 MiB
         */
        public Builder maxStoredBodyBytes(int maxStoredBodyBytes) {
            if (maxStoredBodyBytes < 0 || maxStoredBodyBytes > MAX_STORED_BODY_BYTES) {
                throw new IllegalArgumentException(
                        "maxStoredBodyBytes must be between 0 and 16 MiB, not " + maxStoredBodyBytes);
            }
            this.maxStoredBodyBytes = maxStoredBodyBytes;
            return this;
        }

        /**
         * The largest request body read for a request with a key (default 1 MiB); larger ones get 413.
         *
         * @throws IllegalArgumentException if not between 1 byte and 64 MiB
         */
        public Builder maxRequestBodyBytes(int maxRequestBodyBytes) {
            if (maxRequestBodyBytes < 1 || maxRequestBodyBytes > 64 * 1024 * 1024) {
                throw new IllegalArgumentException(
                        "maxRequestBodyBytes must be between 1 and 64 MiB, not " + maxRequestBodyBytes);
            }
            this.maxRequestBodyBytes = maxRequestBodyBytes;
            return this;
        }

        /** Which scope a key lives in (default {@link KeyScopeResolver#global()}). */
        public Builder keyScopeResolver(KeyScopeResolver keyScopeResolver) {
            this.keyScopeResolver = Objects.requireNonNull(keyScopeResolver, "keyScopeResolver");
            return this;
        }

        /** The engine. */
        public IdempotentRequests build() {
            return new IdempotentRequests(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, not " + duration);
            }
            return duration;
        }
    }

    /**
     * A request as an adapter hands it to {@link IdempotentRequests}: the adapters implement it over
     * their container's request. Not thread-safe; used by one request's thread.
     */
    public interface ApiRequest {
        /** The HTTP method, such as {@code POST}. */
        String method();

        /** The request path as sent (not decoded), without the query string, such as {@code /api/scanner/results}. */
        String path();

        /** Every value of the header {@code name} (matched in any case), in order; empty when absent. */
        List<String> headers(String name);

        /** The authenticated principal, or null when the request is anonymous. */
        @Nullable
        Principal principal();

        /**
         * The request body. Read once, and only for requests that carry an {@code Idempotency-Key}.
         *
         * @throws IOException if the body cannot be read
         */
        InputStream body() throws IOException;
    }

    /**
     * Says which scope a request's {@code Idempotency-Key} lives in, so that two clients using the same
     * key never see each other's answers: typically the authenticated account. Implementations must be
     * thread-safe and must not return null.
     *
     * <p>A scope of up to 128 printable ASCII characters is stored as it is; any other is stored as
     * {@code sha256:} followed by the hex SHA-256 of its UTF-8 bytes.
     */
    @FunctionalInterface
    public interface KeyScopeResolver {
        /** The scope of {@code request}'s key. */
        String scope(ApiRequest request);

        /** One scope shared by every request: the default, for an endpoint with one client (such as a scanner). */
        static KeyScopeResolver global() {
            return request -> "global";
        }

        /**
         * One scope per authenticated principal name ({@code principal:<name>}); anonymous requests share
         * the scope {@code anonymous}.
         */
        static KeyScopeResolver principalName() {
            return request -> {
                Principal principal = request.principal();
                return principal == null ? "anonymous" : "principal:" + principal.getName();
            };
        }
    }
}
