package com.webriskops.webhooks.signing;

import com.webriskops.webhooks.internal.Hex;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Computes and checks {@code X-WebRiskOps-Signature} values: {@code sha256=} followed by the hex
 * HMAC-SHA256, keyed with the secret, of {@code timestamp + "." + nonce + "." + body}, where the body
 * is the raw bytes as sent, never a re-encoded string.
 *
 * <p>Stateless and thread-safe.
 */
public final class WebhookSignatures {
    private static final byte[] DOT = {'.'};
    private static final int DIGEST_HEX_LENGTH = 64;

    private WebhookSignatures() {}

    /**
     * Returns the signature value for one secret, such as {@code sha256=6b1b…}.
     *
     * @throws IllegalArgumentException if the timestamp or nonce is not well formed (see {@link
     *     WebhookProtocol})
     */
    public static String sign(WebhookSecret secret, String timestamp, String nonce, byte[] body) {
        Objects.requireNonNull(secret, "secret");
        checkInputs(timestamp, nonce, body);
        return WebhookProtocol.SIGNATURE_PREFIX + Hex.encode(mac(secret, timestamp, nonce, body));
    }

    /**
     * Returns the header value signed with every secret, comma-separated, in the order given; during
     * a rotation a sender signs with the old and the new secret so either receiver configuration
     * accepts the delivery.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty or holds more than {@value
     *     WebhookProtocol#MAX_SIGNATURES}, or the timestamp or nonce is not well formed
     */
    public static String sign(Collection<WebhookSecret> secrets, String timestamp, String nonce, byte[] body) {
        Objects.requireNonNull(secrets, "secrets");
        if (secrets.isEmpty() || secrets.size() > WebhookProtocol.MAX_SIGNATURES) {
            throw new IllegalArgumentException(
                    "secrets must hold 1 to " + WebhookProtocol.MAX_SIGNATURES + " secrets, not " + secrets.size());
        }
        StringBuilder header = new StringBuilder();
        for (WebhookSecret secret : secrets) {
            if (header.length() > 0) {
                header.append(',');
            }
            header.append(sign(secret, timestamp, nonce, body));
        }
        return header.toString();
    }

    /**
     * True when one of the {@code sha256=} values in {@code signatureHeader} is the HMAC of the
     * inputs under one of the {@code secrets}. Hex digits may be in either case; digests are compared
     * in constant time. A header that is absent, too long, holds more than {@value
     * WebhookProtocol#MAX_SIGNATURES} values, or whose values are malformed, does not match. A
     * malformed timestamp or nonce does not match either. Never throws for any input but nulls where
     * not allowed.
     *
     * @param signatureHeader the header value as received, or null when it was absent
     * @param timestamp the timestamp header as received, or null when it was absent
     * @param nonce the nonce header as received, or null when it was absent
     */
    public static boolean verify(
            Collection<WebhookSecret> secrets,
            @Nullable String signatureHeader,
            @Nullable String timestamp,
            @Nullable String nonce,
            byte[] body) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(body, "body");
        if (signatureHeader == null
                || timestamp == null
                || nonce == null
                || secrets.isEmpty()
                || signatureHeader.length() > WebhookProtocol.MAX_SIGNATURE_HEADER_LENGTH
                || !WebhookProtocol.isValidTimestamp(timestamp)
                || !WebhookProtocol.isValidNonce(nonce)) {
            return false;
        }
        byte[][] candidates = parse(signatureHeader);
        if (candidates == null) {
            return false;
        }
        boolean matched = false;
        for (WebhookSecret secret : secrets) {
            byte[] expected = mac(secret, timestamp, nonce, body);
            for (byte[] candidate : candidates) {
                // Non-short-circuit OR: the work done does not depend on which value matched.
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matched;
    }

    /**
     * The decoded digests of the well-formed {@code sha256=} values of a header; values of another
     * form (a future scheme, a typo) are skipped, so one good value is still enough. Null when the
     * header holds too many values.
     */
    @Nullable
    private static byte[][] parse(String header) {
        String[] values = header.split(",", -1);
        if (values.length > WebhookProtocol.MAX_SIGNATURES) {
            return null;
        }
        List<byte[]> digests = new ArrayList<>(values.length);
        for (String raw : values) {
            String value = raw.strip();
            if (value.startsWith(WebhookProtocol.SIGNATURE_PREFIX)
                    && value.length() == WebhookProtocol.SIGNATURE_PREFIX.length() + DIGEST_HEX_LENGTH) {
                byte[] digest = Hex.decode(value, WebhookProtocol.SIGNATURE_PREFIX.length(), DIGEST_HEX_LENGTH);
                if (digest != null) {
                    digests.add(digest);
                }
            }
        }
        return digests.toArray(new byte[0][]);
    }

    private static byte[] mac(WebhookSecret secret, String timestamp, String nonce, byte[] body) {
        return secret.mac(
                timestamp.getBytes(StandardCharsets.US_ASCII),
                DOT,
                nonce.getBytes(StandardCharsets.US_ASCII),
                DOT,
                body);
    }

    private static void checkInputs(String timestamp, String nonce, byte[] body) {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(body, "body");
        if (!WebhookProtocol.isValidTimestamp(timestamp)) {
            throw new IllegalArgumentException("timestamp must be 1 to " + WebhookProtocol.MAX_TIMESTAMP_DIGITS
                    + " decimal digits (Unix seconds)");
        }
        if (!WebhookProtocol.isValidNonce(nonce)) {
            throw new IllegalArgumentException(
                    "nonce must be 1 to " + WebhookProtocol.MAX_NONCE_LENGTH + " characters of A-Z a-z 0-9 + / = _ -");
        }
    }
}
