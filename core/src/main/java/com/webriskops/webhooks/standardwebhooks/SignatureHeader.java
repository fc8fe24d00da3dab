package com.webriskops.webhooks.standardwebhooks;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * The signatures a {@code webhook-signature} header carries: a space-separated list of {@code
 * <version>,<base64>} entries. {@code v1} entries are HMAC-SHA256 digests (32 bytes), {@code v1a}
 * entries Ed25519 signatures (64 bytes), each in canonical padded base64. As in the official libraries,
 * entries of other versions and entries that are not of that form are skipped (they cannot match);
 * the header is refused when it is longer than {@value #MAX_LENGTH} characters, carries more than
 * {@value #MAX_SIGNATURES} entries, or carries no usable one. One linear pass.
 *
 * @param v1 the decoded {@code v1} digests
 * @param v1a the decoded {@code v1a} signatures
 */
record SignatureHeader(List<byte[]> v1, List<byte[]> v1a) {
    static final int MAX_LENGTH = 4096;
    static final int MAX_SIGNATURES = 16;
    static final String V1 = "v1";
    static final String V1A = "v1a";
    static final int HMAC_BYTES = 32;

    /** The usable signatures of {@code header}, or null when it has none or is out of bounds. */
    @Nullable
    static SignatureHeader parse(@Nullable String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return null;
        }
        List<byte[]> v1 = new ArrayList<>();
        List<byte[]> v1a = new ArrayList<>();
        int entries = 0;
        int start = 0;
        int length = header.length();
        while (start <= length) {
            int space = header.indexOf(' ', start);
            int end = space < 0 ? length : space;
            if (end > start) {
                if (++entries > MAX_SIGNATURES) {
                    return null;
                }
                read(header.substring(start, end), v1, v1a);
            }
            start = end + 1;
        }
        return v1.isEmpty() && v1a.isEmpty() ? null : new SignatureHeader(List.copyOf(v1), List.copyOf(v1a));
    }

    private static void read(String entry, List<byte[]> v1, List<byte[]> v1a) {
        int comma = entry.indexOf(',');
        if (comma < 0) {
            return;
        }
        String version = entry.substring(0, comma);
        String value = entry.substring(comma + 1);
        if (version.equals(V1)) {
            byte[] digest = Base64Text.decodeCanonical(value, HMAC_BYTES);
            if (digest != null) {
                v1.add(digest);
            }
        } else if (version.equals(V1A)) {
            byte[] signature = Base64Text.decodeCanonical(value, Keys.ED25519_SIGNATURE_BYTES);
            if (signature != null) {
                v1a.add(signature);
            }
        }
    }
}
