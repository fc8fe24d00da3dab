package com.webriskops.webhooks.sender.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The payload check made once per delivery instead of once per attempt. {@link #judge} scans the
 * envelope a delivery's attempts are built from (with {@link PayloadSafety}, exactly as an attempt
 * would) and, when it is safe, returns a verdict: a fingerprint of what was judged, that is the
 * export's JSON, the target's id and provider key, and the target's signing secrets. {@link
 * #stillHolds} recomputes that fingerprint at attempt time: the scan can be skipped only while the
 * body and the secrets are the ones judged; a changed body, a rotated, added or removed secret, or
 * any other difference makes the attempt scan again.
 *
 * <p>Only the per-attempt parts of the envelope (nonce, timestamp, attempt number) differ between the
 * judged body and a sent one; the kit makes them itself, in formats (digits and a validated nonce)
 * that carry nothing a scan looks for.
 *
 * <p>The fingerprint is {@code v1:} and 43 base64url characters: a SHA-256 of the judged parts, then
 * an HMAC-SHA256 keyed by each signing secret in turn over a message that starts with a domain tag no
 * signature message starts with. Storing it beside the delivery reveals nothing about the secrets,
 * and nobody without them can make one that holds. Thread-safe.
 */
public final class PayloadVerdicts {
    private static final String PREFIX = "v1:";
    private static final byte[] TAG = "webriskops-payload-verdict-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final WebhookEnvelopes PROBE = WebhookEnvelopes.ofDefaults();
    /** Looking SHA-256 up among the security providers costs more than hashing a payload; reuse one per thread. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(PayloadVerdicts::newSha256);

    private PayloadVerdicts() {}

    /**
     * Scans the envelope of {@code export} to {@code target}; returns the verdict that it is safe to
     * send, or null when it is not (or cannot be built): then every attempt scans it and blocks it.
     */
    @Nullable
    public static String judge(ExportTarget target, ExportRequest export) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(export, "export");
        OutboundRequest probe;
        try {
            probe = PROBE.build(target, export, 1);
        } catch (RuntimeException e) {
            return null;
        }
        if (PayloadSafety.firstFinding(probe.bodyUnsafe(), target.signingSecrets()) != null) {
            return null;
        }
        return fingerprint(target, export);
    }

    /** Whether {@code verdict} was given by {@link #judge} for this very export and target secrets. */
    public static boolean stillHolds(@Nullable String verdict, ExportTarget target, ExportRequest export) {
        if (verdict == null || !verdict.startsWith(PREFIX)) {
            return false;
        }
        String expected = fingerprint(target, export);
        return expected != null
                && MessageDigest.isEqual(
                        verdict.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII));
    }

    @Nullable
    private static String fingerprint(ExportTarget target, ExportRequest export) {
        byte[] json;
        try {
            json = WebhookJson.mapper().writeValueAsBytes(export);
        } catch (JsonProcessingException e) {
            return null;
        }
        MessageDigest sha256 = SHA_256.get();
        sha256.reset();
        sha256.update(TAG);
        sha256.update(ByteBuffer.allocate(Long.BYTES).putLong(target.id()).array());
        sha256.update(target.providerKey().wireName().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update((byte) (target.signingEnabled() ? 1 : 0));
        sha256.update(json);
        byte[] chain = sha256.digest();
        for (WebhookSecret secret : target.signingSecrets()) {
            chain = secret.hmacSha256(TAG, chain);
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(chain);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
