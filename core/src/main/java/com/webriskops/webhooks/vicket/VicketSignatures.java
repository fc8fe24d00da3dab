package com.webriskops.webhooks.vicket;

import com.webriskops.webhooks.internal.Hex;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Computes and checks {@code X-Vicket-Signature} values: {@code hmac-sha256, t=<unix seconds>,
 * v1=<hex>}, where {@code v1} is the HMAC-SHA256, keyed with the secret, of the raw body bytes alone.
 *
 * <p>Parsing is lenient about spaces and tabs around the comma-separated parts and around {@code =},
 * and strict about everything else: the first part is exactly {@code hmac-sha256}; then exactly one
 * {@code t} of 1 to 12 digits without a leading zero and 1 to {@value #MAX_SIGNATURES} {@code v1} values of 64 hex digits
 * (either case), in any order; any other part, an empty part or a header longer than {@value
 * #MAX_HEADER_LENGTH} characters makes the header malformed. During a secret rotation several {@code
 * v1} values may be sent and several secrets held; one match is enough. Digests are compared in
 * constant time.
 *
 * <p>Note that {@code t} is not covered by the HMAC (Vicket signs the body only): the timestamp window
 * and replay guard stop a verbatim replay, and a replay with a fresh (canonical) {@code t} is stopped
 * by the duplicate guard on the body's {@code id} while it is retained; a body whose signed {@code
 * occurred_at} is older than that retention is refused by the receiver.
 *
 * <p>Stateless and thread-safe. The public way to sign is {@link VicketScheme#sign}; to verify, a
 * receiver built with {@link VicketScheme}.
 */
final class VicketSignatures {
    /** The signature header. */
    static final String HEADER = VicketScheme.SIGNATURE_HEADER;
    /** The algorithm token, the header's first part. */
    static final String ALGORITHM = "hmac-sha256";
    /** The longest header accepted. */
    static final int MAX_HEADER_LENGTH = 1024;
    /** The most {@code v1} values accepted (and signed) in one header. */
    static final int MAX_SIGNATURES = 8;

    private static final int DIGEST_HEX_LENGTH = 64;

    private VicketSignatures() {}

    /**
     * The parsed parts of a well-formed header.
     *
     * @param timestamp the {@code t} part as sent (digits)
     * @param digests the decoded {@code v1} digests
     */
    record Parsed(String timestamp, List<byte[]> digests) {
        Instant signedAt() {
            return Instant.ofEpochSecond(Long.parseLong(timestamp));
        }
    }

    /**
     * The header value for {@code body} signed with every secret, in the order given, at Unix time
     * {@code timestamp}: {@code hmac-sha256, t=1716475271, v1=4f9c…}.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty or holds more than {@value
     *     #MAX_SIGNATURES}, or {@code timestamp} is negative or over 12 digits
     */
    static String sign(Collection<WebhookSecret> secrets, long timestamp, byte[] body) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(body, "body");
        if (secrets.isEmpty() || secrets.size() > MAX_SIGNATURES) {
            throw new IllegalArgumentException(
                    "secrets must hold 1 to " + MAX_SIGNATURES + " secrets, not " + secrets.size());
        }
        String t = Long.toString(timestamp);
        if (!WebhookProtocol.isValidTimestamp(t)) {
            throw new IllegalArgumentException("timestamp must be 0 to 12 digits of Unix seconds, not " + timestamp);
        }
        StringBuilder header = new StringBuilder(ALGORITHM).append(", t=").append(t);
        for (WebhookSecret secret : secrets) {
            Objects.requireNonNull(secret, "secret");
            header.append(", v1=").append(Hex.encode(secret.hmacSha256(body)));
        }
        return header.toString();
    }

    /** Like {@link #sign(Collection, long, byte[])} with one secret. */
    static String sign(WebhookSecret secret, long timestamp, byte[] body) {
        return sign(List.of(Objects.requireNonNull(secret, "secret")), timestamp, body);
    }

    /**
     * True when {@code header} is well formed, its {@code t} is within {@code tolerance} of {@code now}
     * (either way), and one of its {@code v1} values is the HMAC of {@code body} under one of {@code
     * secrets}. Never throws for any header.
     *
     * @param header the header value as received, or null when it was absent
     */
    static boolean verify(
            Collection<WebhookSecret> secrets, @Nullable String header, byte[] body, Instant now, Duration tolerance) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(tolerance, "tolerance");
        Parsed parsed = parse(header);
        return parsed != null
                && Duration.between(parsed.signedAt(), now).abs().compareTo(tolerance) <= 0
                && matches(secrets, parsed, body);
    }

    /** True when one digest of {@code parsed} is the body's HMAC under one secret; constant time. */
    static boolean matches(Collection<WebhookSecret> secrets, Parsed parsed, byte[] body) {
        boolean matched = false;
        for (WebhookSecret secret : secrets) {
            byte[] expected = secret.hmacSha256(body);
            for (byte[] candidate : parsed.digests()) {
                // Non-short-circuit OR: the work done does not depend on which value matched.
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return matched;
    }

    /** The parts of a well-formed header, or null. */
    @Nullable
    static Parsed parse(@Nullable String header) {
        if (header == null || header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        String[] parts = header.split(",", -1);
        if (parts.length < 3 || !ALGORITHM.equals(ows(parts[0]))) {
            return null;
        }
        String timestamp = null;
        List<byte[]> digests = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int equals = part.indexOf('=');
            if (equals < 0) {
                return null;
            }
            String key = ows(part.substring(0, equals));
            String value = ows(part.substring(equals + 1));
            if (key.equals("t")) {
                // Canonical only: "0<t>" names the same second with other bytes, so a replay id.
                if (timestamp != null
                        || !WebhookProtocol.isValidTimestamp(value)
                        || (value.length() > 1 && value.charAt(0) == '0')) {
                    return null;
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                if (value.length() != DIGEST_HEX_LENGTH || digests.size() == MAX_SIGNATURES) {
                    return null;
                }
                byte[] digest = Hex.decode(value, 0, DIGEST_HEX_LENGTH);
                if (digest == null) {
                    return null;
                }
                digests.add(digest);
            } else {
                return null;
            }
        }
        return timestamp == null || digests.isEmpty() ? null : new Parsed(timestamp, List.copyOf(digests));
    }

    /** {@code text} without leading and trailing spaces and tabs. */
    private static String ows(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }
}
