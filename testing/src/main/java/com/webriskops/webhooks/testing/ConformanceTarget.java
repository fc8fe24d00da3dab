package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.signing.WebhookSecret;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The receiving endpoint a {@link ReceiverConformance} test checks: where deliveries go (a URL, or a
 * {@link Transport} into the application under test), the secret(s) it verifies with, its scheme, its
 * clock and its body limit. Immutable and thread-safe; every {@code with}-style method returns a copy.
 *
 * <pre>{@code
 * ConformanceTarget.url(URI.create("http://localhost:" + port + "/webhooks"), "my-endpoint-secret")
 * }</pre>
 *
 * <p>The secrets never appear in {@link #toString()}.
 */
public final class ConformanceTarget {
    /** The default body limit of the kit's receivers: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /**
     * Carries one delivery into the application under test and returns its answer, for applications
     * tested without a listening port (a mock MVC, an in-process JAX-RS client). Called from several
     * threads at once by the concurrency case.
     */
    @FunctionalInterface
    public interface Transport {
        /** Posts {@code headers} (a list of values per name) and {@code body}; returns the HTTP answer. */
        ReceiverHarness.Response post(Map<String, List<String>> headers, byte[] body) throws Exception;
    }

    private final Transport transport;
    private final String where;
    private final List<WebhookSecret> secrets;
    private final SchemeFixture scheme;
    private final Clock clock;
    private final int maxBodyBytes;

    private ConformanceTarget(
            Transport transport,
            String where,
            List<WebhookSecret> secrets,
            SchemeFixture scheme,
            Clock clock,
            int maxBodyBytes) {
        this.transport = transport;
        this.where = where;
        this.secrets = List.copyOf(secrets);
        this.scheme = scheme;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * A WebRiskOps receiver at {@code uri}, over real HTTP, that verifies with {@code secret} (and any of
     * {@code moreSecrets}, during a rotation), on the system clock, with the default body limit.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a secret is empty
     */
    public static ConformanceTarget url(URI uri, String secret, String... moreSecrets) {
        Objects.requireNonNull(uri, "uri");
        List<WebhookSecret> secrets = new ArrayList<>();
        secrets.add(WebhookSecret.of(Objects.requireNonNull(secret, "secret")));
        for (String more : moreSecrets) {
            secrets.add(WebhookSecret.of(Objects.requireNonNull(more, "moreSecrets")));
        }
        return url(uri, secrets);
    }

    /**
     * A WebRiskOps receiver at {@code uri}, over real HTTP, that verifies with {@code secrets} (one, or
     * several during a rotation).
     *
     * @throws IllegalArgumentException if {@code secrets} is empty
     */
    public static ConformanceTarget url(URI uri, List<WebhookSecret> secrets) {
        HttpEndpoint endpoint = new HttpEndpoint(Objects.requireNonNull(uri, "uri"), () -> {});
        return new ConformanceTarget(
                endpoint::post,
                uri.toString(),
                checked(secrets),
                WebRiskOpsFixture.INSTANCE,
                Clock.systemUTC(),
                DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A WebRiskOps receiver reached through {@code transport} (the application under test, without a
     * port), that verifies with {@code secrets}.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty
     */
    public static ConformanceTarget of(Transport transport, List<WebhookSecret> secrets) {
        return new ConformanceTarget(
                Objects.requireNonNull(transport, "transport"),
                "an application under test",
                checked(secrets),
                WebRiskOpsFixture.INSTANCE,
                Clock.systemUTC(),
                DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * A Standard Webhooks receiver at {@code uri}, over real HTTP, that verifies {@code v1} signatures
     * with {@code whsec} and whose application accepts {@code event}, a JSON object of its own (the
     * suite sends it, and copies of it with members added or changed). The receiver must read the body
     * as JSON (a body that is not JSON is answered 400).
     *
     * @throws IllegalArgumentException if {@code whsec} is not {@code whsec_} and base64, or {@code event}
     *     is not a JSON object
     */
    public static ConformanceTarget standardWebhooks(URI uri, String whsec, byte[] event) {
        StandardWebhooksFixture scheme = StandardWebhooksFixture.of(whsec, event);
        HttpEndpoint endpoint = new HttpEndpoint(Objects.requireNonNull(uri, "uri"), () -> {});
        return new ConformanceTarget(
                endpoint::post,
                uri.toString(),
                List.of(scheme.secret()),
                scheme,
                Clock.systemUTC(),
                DEFAULT_MAX_BODY_BYTES);
    }

    /** The same endpoint, receiving the Vicket scheme ({@code X-Vicket-Signature}). */
    public ConformanceTarget vicket() {
        return new ConformanceTarget(transport, where, secrets, VicketFixture.INSTANCE, clock, maxBodyBytes);
    }

    /**
     * The same endpoint, whose receiver reads time from {@code clock} (deliveries are signed at its
     * instant): set it when the application under test runs on a fixed or test clock.
     */
    public ConformanceTarget clock(Clock clock) {
        return new ConformanceTarget(
                transport, where, secrets, scheme, Objects.requireNonNull(clock, "clock"), maxBodyBytes);
    }

    /**
     * The same endpoint, whose receiver refuses bodies over {@code maxBodyBytes} (413).
     *
     * @throws IllegalArgumentException if {@code maxBodyBytes} is not positive
     */
    public ConformanceTarget maxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        return new ConformanceTarget(transport, where, secrets, scheme, clock, maxBodyBytes);
    }

    Transport transport() {
        return transport;
    }

    List<WebhookSecret> secrets() {
        return secrets;
    }

    SchemeFixture scheme() {
        return scheme;
    }

    Clock clock() {
        return clock;
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Where the endpoint is, its scheme and how many secrets it holds; never a secret. */
    @Override
    public String toString() {
        return "ConformanceTarget[" + where + ", " + scheme + ", " + secrets.size() + " secret(s), max body "
                + maxBodyBytes + " bytes]";
    }

    private static List<WebhookSecret> checked(List<WebhookSecret> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("secrets: at least one is needed");
        }
        secrets.forEach(secret -> Objects.requireNonNull(secret, "secrets"));
        return secrets;
    }
}
