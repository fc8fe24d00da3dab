package com.webriskops.webhooks.benchmarks;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import com.webriskops.webhooks.store.Claim;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * B1 and B2 on one thread: the kit's signature check ({@link #signatureCheck}) and whole stateless
 * pipeline ({@link #pipeline}) beside their limit, raw JCA HMAC-SHA256 over the same bytes plus the
 * constant-time compare ({@link #rawHmac}). The pipeline runs with stores that always say "first
 * time", so it measures headers, HMAC, JSON and validation and nothing stateful. Each JMH thread has
 * its own state; not meant to be called outside JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SignatureBenchmarks {
    static final String SECRET_TEXT = "whsec_bench_secret_never_logged";

    /** Body size in bytes: 1.7 KiB (the documents' example), 4 KiB, 64 KiB. */
    @Param({"1741", "4096", "65536"})
    public int size;

    private String stripePayload;
    private byte[] stripeBody;
    private String stripeHeader;

    private byte[] body;
    private Map<String, List<String>> headers;
    private String signature;
    private String timestamp;
    private String nonce;
    private byte[] expected;
    private List<WebhookSecret> secrets;
    private Mac mac;
    private WebhookReceiver<TicketExportWebhook> receiver;

    /** Signs one delivery of {@link #size} bytes and builds the receiver. */
    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        Signer.Signed signed = new Signer(Payloads.template(size), SECRET_TEXT).next();
        body = signed.body();
        headers = Signer.asLists(signed.headers());
        signature = signed.headers().get(WebhookHeaders.SIGNATURE);
        timestamp = signed.headers().get(WebhookHeaders.TIMESTAMP);
        nonce = signed.headers().get(WebhookHeaders.NONCE);
        expected = HexFormat.of().parseHex(signature.substring("sha256=".length()));
        secrets = List.of(WebhookSecret.of(SECRET_TEXT));
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET_TEXT.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        receiver = WebhookReceiver.builder()
                .secrets(secrets)
                .clock(Clock.fixed(signedAt, ZoneOffset.UTC))
                .replayStore(new AlwaysNewReplayStore())
                .idempotencyStore(new AlwaysClaimedStore())
                .build();
        stripeBody = StripeEvents.body(size);
        stripePayload = new String(stripeBody, StandardCharsets.UTF_8);
        stripeHeader = StripeEvents.signatureHeader(stripePayload, SECRET_TEXT, Instant.now());
        if (stripeConstructEvent() == null) {
            throw new IllegalStateException("the Stripe event does not verify");
        }
        if (!signatureCheck() || !rawHmac() || !(pipeline() instanceof ReceiveResult.Accepted)) {
            throw new IllegalStateException("the benchmark delivery does not verify: " + pipeline());
        }
    }

    /** The limit: raw JCA HMAC-SHA256 of {@code timestamp.nonce.body} and a constant-time compare. */
    @Benchmark
    public boolean rawHmac() {
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(nonce.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return MessageDigest.isEqual(mac.doFinal(body), expected);
    }

    /** B1: {@link WebhookSignatures#verify}. */
    @Benchmark
    public boolean signatureCheck() {
        return WebhookSignatures.verify(secrets, signature, timestamp, nonce, body);
    }

    /** B2: the receiver pipeline from headers and bytes to an accepted delivery. */
    @Benchmark
    public ReceiveResult<TicketExportWebhook> pipeline() {
        return receiver.receive(InboundRequest.of(headers, body));
    }

    /**
     * B2's limit: stripe-java's {@code Webhook.constructEvent} on a Stripe event of the same size, from
     * the body bytes as the kit's pipeline starts (decoded to the String Stripe's API takes), with its
     * default 300 s tolerance: verifies the {@code Stripe-Signature} header, then parses the event with
     * Gson.
     */
    @Benchmark
    public com.stripe.model.Event stripeConstructEvent() {
        try {
            return com.stripe.net.Webhook.constructEvent(
                    new String(stripeBody, StandardCharsets.UTF_8), stripeHeader, SECRET_TEXT, 300);
        } catch (com.stripe.exception.SignatureVerificationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A replay store for which every nonce is new: keeps B2 stateless. */
    static final class AlwaysNewReplayStore implements ReplayStore {
        @Override
        public boolean recordIfAbsent(String nonce, Instant now, Instant expiresAt) {
            return true;
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            return 0;
        }
    }

    /** An idempotency store for which every key is claimed first time: keeps B2 stateless. */
    static final class AlwaysClaimedStore implements IdempotencyStore {
        @Override
        public Claim claim(String key, Instant now, Duration lease) {
            return Claim.claimed("t", now.plus(lease));
        }

        @Override
        public boolean complete(String key, String token, Instant now, Duration retention) {
            return true;
        }

        @Override
        public boolean release(String key, String token) {
            return true;
        }

        @Override
        public int purgeExpired(Instant now, int limit) {
            return 0;
        }
    }
}
