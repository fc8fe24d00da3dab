package com.webriskops.webhooks.internal;

import jakarta.annotation.Nullable;

/** Lowercase hex encoding and lenient (either case) decoding. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes {@code length} hex characters of {@code text} starting at {@code offset}, or returns
     * null when a character is not a hex digit or the length is odd.
     */
    @Nullable
    public static byte[] decode(CharSequence text, int offset, int length) {
        if ((length & 1) != 0) {
            return null;
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(text.charAt(offset + 2 * i));
            int lo = digit(text.charAt(offset + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
