package com.webriskops.webhooks.vicket;

import com.webriskops.webhooks.internal.Hex;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.spi.PayloadCheck;
import com.webriskops.webhooks.receiver.spi.SignatureCheck;
import com.webriskops.webhooks.receiver.spi.SignatureContext;
import com.webriskops.webhooks.receiver.spi.WebhookScheme;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Vicket webhook scheme: {@code X-Vicket-Signature: hmac-sha256, t=<unix>, v1=<hex>} over the raw
 * body (parsed leniently about spaces, strictly otherwise; one matching {@code v1} of up to 8 is
 * enough during a rotation), the {@link VicketWebhook} envelope, the body's {@code id} as the
 * duplicate-guard key. {@code t} must be within the receiver's timestamp tolerance (300 s by default,
 * both ways) and canonical (digits, no leading zero). Vicket sends no nonce, so the replay id is {@code
 * vicket.<t>.<SHA-256 of the body>}: unique to the signed message, recorded for the tolerance window.
 * As {@code t} is not signed, a captured body could be resent with a fresh {@code t}: the duplicate
 * guard on {@code id} stops it while the key is retained, and a body whose signed {@code occurred_at}
 * is older than that retention is refused (422). A completed {@code id} answers 200 duplicate, even to
 * a byte-identical resend. Vicket numbers no attempts: {@link
 * com.webriskops.webhooks.receiver.VerifiedDelivery#attempt()} is 0. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookReceiver<VicketWebhook> receiver = WebhookReceiver.builder(VicketScheme.ofDefaults())
 *         .secrets(WebhookSecret.of(System.getenv("VICKET_WEBHOOK_SECRET")))
 *         .build();
 * }</pre>
 */
public final class VicketScheme implements WebhookScheme<VicketWebhook> {
    /** The scheme's {@linkplain #name() name}. */
    public static final String NAME = "vicket.webhook";
    /** The signature header: {@code hmac-sha256, t=<unix seconds>, v1=<hex>}. */
    public static final String SIGNATURE_HEADER = "X-Vicket-Signature";

    private static final VicketScheme INSTANCE = new VicketScheme();

    private VicketScheme() {}

    /** The scheme; it has no settings (secrets, clock and tolerance are the receiver's). */
    public static VicketScheme ofDefaults() {
        return INSTANCE;
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<VicketWebhook> payloadType() {
        return VicketWebhook.class;
    }

    @Override
    public SignatureCheck verifySignature(InboundRequest request, byte[] body, SignatureContext context) {
        List<String> headers = request.headers(VicketSignatures.HEADER);
        if (headers.size() != 1) {
            return SignatureCheck.invalid("The " + VicketSignatures.HEADER + " header is required, once.");
        }
        VicketSignatures.Parsed parsed = VicketSignatures.parse(headers.get(0));
        if (parsed == null) {
            return SignatureCheck.invalid(VicketSignatures.HEADER + " must be " + VicketSignatures.ALGORITHM
                    + ", t=<Unix seconds>, v1=<64 hex digits>.");
        }
        Instant signedAt = parsed.signedAt();
        if (!context.isWithinTolerance(signedAt)) {
            return SignatureCheck.invalid(VicketSignatures.HEADER + " t is outside the accepted window of "
                    + context.tolerance().toSeconds() + " seconds.");
        }
        List<WebhookSecret> secrets = context.secrets();
        if (secrets.isEmpty() || !VicketSignatures.matches(secrets, parsed, body)) {
            return SignatureCheck.invalid("The signature does not match.");
        }
        return SignatureCheck.valid(signedAt, "vicket." + parsed.timestamp() + "." + sha256(body));
    }

    /** JSON and the envelope's constraints; Vicket sends no header the body must agree with. */
    @Override
    public PayloadCheck<VicketWebhook> readPayload(InboundRequest request, byte[] body) {
        return PayloadCheck.read(body, VicketWebhook.class);
    }

    /** The body's signed {@code occurred_at}. */
    @Override
    public Instant occurredAt(VicketWebhook payload) {
        return payload.occurredAt();
    }

    /**
     * True: Vicket's documents make the body's {@code id} the handle of its at-least-once delivery, so a
     * byte-identical resend of a completed delivery is answered duplicate whatever the second.
     */
    @Override
    public boolean duplicateGuardFirst() {
        return true;
    }

    /** The body's {@code id}. */
    @Override
    public String idempotencyKey(VicketWebhook payload) {
        return payload.id();
    }

    /**
     * {@code Content-Type: application/json} and {@code X-Vicket-Signature} with one {@code v1} per
     * secret, {@code t} being {@code timestamp} in Unix seconds.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty or holds more than 8, or {@code timestamp} is before the epoch
     */
    @Override
    public Map<String, List<String>> sign(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
        Objects.requireNonNull(timestamp, "timestamp");
        String signature = VicketSignatures.sign(secrets, timestamp.getEpochSecond(), body);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put(VicketSignatures.HEADER, List.of(signature));
        return headers;
    }

    private static String sha256(byte[] body) {
        try {
            return Hex.encode(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "VicketScheme[" + NAME + "]";
    }
}
