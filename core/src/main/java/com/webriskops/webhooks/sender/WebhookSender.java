package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.sender.internal.AddressGuard;
import com.webriskops.webhooks.sender.internal.GuardedDnsResolver;
import com.webriskops.webhooks.sender.internal.HostResolver;
import com.webriskops.webhooks.sender.internal.NonceSource;
import com.webriskops.webhooks.sender.internal.OutboundRequest;
import com.webriskops.webhooks.sender.internal.PayloadSafety;
import com.webriskops.webhooks.sender.internal.PayloadVerdicts;
import com.webriskops.webhooks.sender.internal.ResponseClassifier;
import com.webriskops.webhooks.sender.internal.TargetClients;
import com.webriskops.webhooks.sender.internal.WebhookEnvelopes;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers ticket exports to targets, one attempt at a time ({@link #attempt}) or with in-process
 * retries ({@link #send}, for command lines and tests; services use a {@link Dispatcher} over a
 * {@link DeliveryStore}).
 *
 * <p>Every attempt, in order: the {@link TargetSafety} check (blocked: nothing is sent); the
 * {@code ticket-export.webhook.v1} envelope with a fresh nonce and timestamp, serialised once and
 * signed over those exact bytes; the payload check on those bytes (blocked {@code
 * webhook_payload_unsafe} when it carries the target's secret, a token or key, or a private artifact
 * path: nothing is sent), skipped when the delivery's recorded verdict still holds (see {@link
 * Delivery#judgePayload}); a {@code POST} through Apache HttpClient 5 whose DNS hook resolves through
 * the same resolver as the target check and refuses any address the target may not reach, so the
 * address checked is the address connected to; redirects are never followed; connect and response
 * timeouts; at most {@link Builder#maxResponseSnippetBytes} of the answer are read.
 *
 * <p>The answer becomes an {@link AttemptOutcome}: 2xx exported; 3xx blocked {@code
 * generic_webhook_redirect_blocked}; 400, 413, 415, 422 blocked {@code
 * generic_webhook_validation_failed}; 401, 403 blocked {@code generic_webhook_auth_failed}; 429
 * retried after {@code Retry-After} with {@code WEBHOOK_RATE_LIMITED}; 408, 409, 425, 5xx, timeouts
 * and connection errors retried with {@code WEBHOOK_DELIVERY_FAILED}; any other 4xx blocked {@code
 * generic_webhook_rejected} (the codes are {@link com.webriskops.webhooks.protocol.ErrorCode}s).
 * Connections are pooled per target configuration (target
 * id, base URL, deployment mode, private-network policy and allowlist), each pool with its own DNS
 * guard, so every new connection is checked and a connection opened for one target is never reused
 * for another; an answer longer than the snippet drops its connection instead of draining it. At most
 * 64 pools are kept (least recently used closed first); {@link #close()}
 * closes them.
 *
 * <p>Thread-safe. Never throws for anything the network or the target does.
 *
 * <pre>{@code
 * WebhookSender sender = WebhookSender.builder().build();
 * SendResult result = sender.send(target, export, RetryPolicy.ofDefaults());
 * }</pre>
 */
public final class WebhookSender implements AutoCloseable {
    /** Default connect timeout: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default response (socket read) timeout: 30 seconds. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default bound on the answer bytes kept for diagnostics: 4 KiB. */
    public static final int DEFAULT_MAX_RESPONSE_SNIPPET_BYTES = 4_096;

    /** Target configurations whose connection pools are kept; the least recently used beyond are closed. */
    static final int MAX_POOLED_TARGETS = 64;
    /** Connections kept open per target configuration. */
    private static final int MAX_CONNECTIONS_PER_TARGET = 32;
    /** How long an idle connection is kept when the target does not say. */
    private static final TimeValue CONNECTION_KEEP_ALIVE = TimeValue.ofSeconds(30);
    /** How long any connection is reused at most, so DNS changes are picked up. */
    private static final TimeValue CONNECTION_TIME_TO_LIVE = TimeValue.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final ContentType JSON = ContentType.create("application/json", (java.nio.charset.Charset) null);

    private final HostResolver resolver;
    private final TargetSafety targetSafety;
    private final WebhookEnvelopes envelopes;
    private final TlsSocketStrategy tls;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int maxSnippetBytes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TargetClients clients;

    private WebhookSender(Builder builder, SSLContext sslContext) {
        this.resolver = builder.resolver;
        this.targetSafety = TargetSafety.using(builder.resolver);
        this.envelopes = WebhookEnvelopes.builder()
                .clock(builder.clock)
                .nonceSource(builder.nonceSource)
                .userAgent(builder.userAgent)
                .build();
        this.tls = ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildClassic();
        this.connectTimeout = builder.connectTimeout;
        this.responseTimeout = builder.responseTimeout;
        this.maxSnippetBytes = builder.maxSnippetBytes;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.clients = new TargetClients(MAX_POOLED_TARGETS, this::newClient);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The longest one attempt's network part can take: connect plus response timeout. */
    public Duration requestTimeout() {
        return connectTimeout.plus(responseTimeout);
    }

    /** The clock attempts are stamped with. */
    Clock clock() {
        return clock;
    }

    /**
     * Makes attempt number {@code attempt} of {@code export} to {@code target} and classifies it.
     *
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public AttemptOutcome attempt(ExportTarget target, ExportRequest export, int attempt) {
        return attempt(target, export, attempt, null);
    }

    /**
     * Like {@link #attempt(ExportTarget, ExportRequest, int)}, but skips the payload scan when {@code
     * payloadVerdict} (recorded with the delivery by {@link Delivery#judgePayload}) still holds for
     * this export and the target's current signing secrets; a null, foreign or stale verdict (the body
     * or a secret changed since) means the payload is scanned as usual.
     *
     * @throws IllegalArgumentException if {@code attempt} is below 1
     */
    public AttemptOutcome attempt(
            ExportTarget target, ExportRequest export, int attempt, @Nullable String payloadVerdict) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, not " + attempt);
        }
        Instant started = clock.instant();
        TargetCheck check = targetSafety.check(target);
        if (!check.ok()) {
            return notSent(attempt, check.code(), check.message(), started);
        }
        OutboundRequest request = envelopes.build(target, export, attempt);
        if (!PayloadVerdicts.stillHolds(payloadVerdict, target, export)) {
            PayloadFinding finding = PayloadSafety.firstFinding(request.bodyUnsafe(), target.signingSecrets());
            if (finding != null) {
                return notSent(attempt, ErrorCode.WEBHOOK_PAYLOAD_UNSAFE, finding.message(), started);
            }
        }
        return post(target, request, started);
    }

    /**
     * Attempts until exported, blocked, or the policy gives up (then {@link DeliveryStatus#FAILED}
     * with {@code WEBHOOK_DELIVERY_FAILED}), waiting between attempts in this thread.
     *
     * @throws InterruptedException if interrupted while waiting; no attempt is running then
     */
    public SendResult send(ExportTarget target, ExportRequest export, RetryPolicy policy) throws InterruptedException {
        Objects.requireNonNull(policy, "policy");
        List<AttemptOutcome> attempts = new ArrayList<>();
        Instant firstAt = clock.instant();
        for (int n = 1; ; n++) {
            AttemptOutcome outcome = attempt(target, export, n);
            attempts.add(outcome);
            if (!outcome.retryable()) {
                return new SendResult(outcome.status(), attempts);
            }
            Instant now = clock.instant();
            Instant next = policy.nextAttemptAt(outcome, n, firstAt, now);
            if (next == null) {
                return new SendResult(DeliveryStatus.FAILED, attempts);
            }
            Duration wait = Duration.between(now, next);
            if (!wait.isNegative() && !wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    /** A pooled client for {@code target}'s configuration: its own DNS guard, no redirects, no retries. */
    private CloseableHttpClient newClient(ExportTarget target) {
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setSchemePortResolver(DefaultSchemePortResolver.INSTANCE)
                .setDnsResolver(new GuardedDnsResolver(resolver, AddressGuard.forConnectionsTo(target)))
                .setTlsSocketStrategy(tls)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_TARGET)
                .setMaxConnTotal(MAX_CONNECTIONS_PER_TARGET)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .setTimeToLive(CONNECTION_TIME_TO_LIVE)
                        .build())
                .build();
        RequestConfig config = RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setResponseTimeout(Timeout.of(responseTimeout))
                .setConnectionKeepAlive(CONNECTION_KEEP_ALIVE)
                .build();
        return HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(config)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
    }

    private AttemptOutcome post(ExportTarget target, OutboundRequest request, Instant started) {
        int attempt = request.attempt();
        TargetClients.Client client = clients.acquire(target);
        try {
            HttpPost post = new HttpPost(client.uri);
            // The names are distinct, so adding them sets each once (setHeader scans those set before).
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                if (!header.getKey().equals(WebhookHeaders.CONTENT_TYPE)) {
                    post.addHeader(header.getKey(), header.getValue());
                }
            }
            post.addHeader(WebhookHeaders.CONTENT_TYPE, "application/json");
            post.setEntity(new ByteArrayEntity(request.bodyUnsafe(), JSON));
            ClassicHttpResponse response = client.http.executeOpen(null, post, HttpClientContext.create());
            int status;
            Body body = null;
            String retryAfterHeader;
            try {
                status = response.getCode();
                Header retryAfter = response.getFirstHeader(WebhookHeaders.RETRY_AFTER);
                retryAfterHeader = retryAfter == null ? null : retryAfter.getValue();
                body = readBody(response.getEntity());
            } finally {
                if (body == null || !body.drained()) {
                    // Drop the connection rather than drain an unbounded body.
                    post.cancel();
                }
                closeQuietly(response);
            }
            Instant finished = clock.instant();
            ResponseClassifier.Verdict verdict = ResponseClassifier.classify(status);
            Duration retryAfter = verdict.status() == DeliveryStatus.RETRY_SCHEDULED
                    ? ResponseClassifier.retryAfter(retryAfterHeader, finished)
                    : null;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Webhook attempt {} of {} to target {}: {}", attempt, idOf(request), target.id(), status);
            }
            AttemptOutcome outcome;
            switch (verdict.status()) {
                case EXPORTED:
                    outcome = AttemptOutcome.exported(attempt, verdict.message(), started, finished);
                    break;
                case BLOCKED:
                    outcome = AttemptOutcome.blocked(attempt, verdict.code(), verdict.message(), started, finished);
                    break;
                default:
                    outcome = AttemptOutcome.retry(attempt, verdict.code(), verdict.message(), true, started, finished)
                            .withRetryAfter(retryAfter);
                    break;
            }
            return outcome.withAnswer(status, body.snippet());
        } catch (IOException e) {
            return failure(target, request, e, started);
        } finally {
            client.release();
        }
    }

    private AttemptOutcome failure(ExportTarget target, OutboundRequest request, IOException e, Instant started) {
        Instant finished = clock.instant();
        int attempt = request.attempt();
        GuardedDnsResolver.BlockedAddressException blocked = blockedCause(e);
        if (blocked != null) {
            LOG.warn("Webhook target {} blocked at connect time: {}", target.id(), blocked.getMessage());
            return AttemptOutcome.blocked(
                    attempt, ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE, blocked.getMessage(), started, finished);
        }
        ResponseClassifier.NetworkFailure failure = ResponseClassifier.classifyFailure(e);
        LOG.debug(
                "Webhook attempt {} of {} to target {} failed: {}", attempt, idOf(request), target.id(), e.toString());
        return AttemptOutcome.retry(
                attempt,
                ErrorCode.WEBHOOK_DELIVERY_FAILED,
                failure.message(),
                failure.requestSent(),
                started,
                finished);
    }

    @Nullable
    private static GuardedDnsResolver.BlockedAddressException blockedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof GuardedDnsResolver.BlockedAddressException blocked) {
                return blocked;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof GuardedDnsResolver.BlockedAddressException blocked) {
                    return blocked;
                }
            }
        }
        return null;
    }

    private AttemptOutcome notSent(int attempt, ErrorCode code, String message, Instant started) {
        return AttemptOutcome.blocked(attempt, code, message, started, clock.instant());
    }

    /** The kept start of an answer, and whether the whole answer was read (its connection reusable). */
    private record Body(@Nullable String snippet, boolean drained) {}

    private Body readBody(@Nullable HttpEntity entity) {
        if (entity == null) {
            return new Body(null, true);
        }
        try {
            InputStream in = entity.getContent();
            if (in == null) {
                return new Body(null, true);
            }
            byte[] bytes = in.readNBytes(maxSnippetBytes);
            // A short read hit the end; otherwise look one byte further. Reading to the end hands the
            // connection back to the pool; anything longer than the snippet is dropped with it.
            boolean drained = bytes.length < maxSnippetBytes || in.read() == -1;
            if (bytes.length == 0) {
                return new Body(null, drained);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            StringBuilder clean = new StringBuilder(text.length());
            text.codePoints()
                    .forEach(c ->
                            clean.appendCodePoint(c == '\n' || c == '\t' || !Character.isISOControl(c) ? c : '\uFFFD'));
            return new Body(clean.toString(), drained);
        } catch (IOException e) {
            return new Body(null, false);
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // The connection was dropped on purpose; draining it fails.
        }
    }

    private static String idOf(OutboundRequest request) {
        return request.webhook().idempotencyKey();
    }

    /**
     * Closes the pooled connections. Attempts still running finish first on their own connection; a
     * later attempt opens new connections, so closing is safe at any time. Never throws.
     */
    @Override
    public void close() {
        clients.closeAll();
    }

    /** How many target configurations have a connection pool now. */
    int pooledTargets() {
        return clients.size();
    }

    @Override
    public String toString() {
        return "WebhookSender[connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout + "]";
    }

    /** Waits between in-process attempts; a test seam, replaced by tests of this package. */
    @FunctionalInterface
    interface Sleeper {
        /** {@link Thread#sleep}. */
        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

        /**
         * Waits {@code duration}.
         *
         * @throws InterruptedException if interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Builds a {@link WebhookSender}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private HostResolver resolver = HostResolver.SYSTEM;
        private SSLContext sslContext;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxSnippetBytes = DEFAULT_MAX_RESPONSE_SNIPPET_BYTES;
        private Clock clock = Clock.systemUTC();
        private NonceSource nonceSource = NonceSource.secureRandom();
        private String userAgent = WebhookEnvelopes.DEFAULT_USER_AGENT;
        private Sleeper sleeper = Sleeper.THREAD;

        private Builder() {}

        /**
         * Resolves target hosts, for the target check and for every connection. Default: the system's.
         * A test seam, for tests of this package.
         */
        Builder hostResolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The TLS context (trust store, protocols). Default: the JVM's default context. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * How long connecting may take. Default 10 seconds.
         *
         * @throws IllegalArgumentException if not between 1 ms and 10 minutes
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = bounded(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * How long to wait for the answer (each socket read). Default 30 seconds.
         *
         * @throws IllegalArgumentException if not between 1 ms and 10 minutes
         */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = bounded(responseTimeout, "responseTimeout");
            return this;
        }

        /**
         * How many bytes of an answer are kept for diagnostics. Default 4096.
         *
         * @throws IllegalArgumentException if not between 0 and 65536
         */
        public Builder maxResponseSnippetBytes(int bytes) {
            if (bytes < 0 || bytes > 65_536) {
                throw new IllegalArgumentException("maxResponseSnippetBytes must be between 0 and 65536, not " + bytes);
            }
            this.maxSnippetBytes = bytes;
            return this;
        }

        /** Where timestamps come from. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where nonces come from. Default: {@link NonceSource#secureRandom()}. A test seam. */
        Builder nonceSource(NonceSource nonceSource) {
            this.nonceSource = Objects.requireNonNull(nonceSource, "nonceSource");
            return this;
        }

        /** The {@code User-Agent}. Default {@code webriskops-webhooks-java/<the kit's version>}. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /** How {@link #send} waits between attempts. Default {@link Sleeper#THREAD}. A test seam. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @throws IllegalStateException if no SSL context was given and the JVM has no default one,
         *     or the user agent is not printable ASCII
         */
        public WebhookSender build() {
            SSLContext context = sslContext;
            if (context == null) {
                try {
                    context = SSLContext.getDefault();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("the JVM has no default SSLContext", e);
                }
            }
            try {
                return new WebhookSender(this, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        private static Duration bounded(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException(name + " must be between 1 ms and 10 minutes, not " + value);
            }
            return value;
        }
    }

    /**
     * How an in-process {@link WebhookSender#send} ended: {@link DeliveryStatus#EXPORTED}, {@link
     * DeliveryStatus#BLOCKED} or {@link DeliveryStatus#FAILED}, and every attempt made. Immutable.
     *
     * @param status exported, blocked or failed
     * @param attempts every attempt, in order; never empty
     */
    public record SendResult(DeliveryStatus status, List<AttemptOutcome> attempts) {
        /**
         * @throws IllegalArgumentException if {@code attempts} is empty
         */
        public SendResult {
            Objects.requireNonNull(status, "status");
            attempts = List.copyOf(attempts);
            if (attempts.isEmpty()) {
                throw new IllegalArgumentException("a send makes at least one attempt");
            }
        }

        /** The last attempt. */
        public AttemptOutcome last() {
            return attempts.get(attempts.size() - 1);
        }
    }
}
