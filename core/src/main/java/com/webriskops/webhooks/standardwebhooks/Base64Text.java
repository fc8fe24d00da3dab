package com.webriskops.webhooks.standardwebhooks;

import jakarta.annotation.Nullable;
import java.util.Base64;

/**
 * Strict, linear-time base64 (the standard alphabet) for keys and signatures. Never throws and never
 * puts its input in a message: the JDK decoder's messages name the offending character, which may be a
 * key's.
 */
final class Base64Text {
    private Base64Text() {}

    /**
     * The bytes of {@code text[from..]} when it is standard base64, padded or not, else null. Used for
     * configured keys, which the official libraries also accept without padding.
     */
    @Nullable
    static byte[] decodeLenient(String text, int from) {
        int end = text.length();
        int pad = 0;
        while (end > from && text.charAt(end - 1) == '=' && pad < 2) {
            end--;
            pad++;
        }
        if (end == from || !isAlphabet(text, from, end)) {
            return null;
        }
        int length = end - from;
        if (length % 4 == 1 || (pad > 0 && (length + pad) % 4 != 0)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text.substring(from, end));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The bytes of {@code text} when it is the canonical padded base64 of exactly {@code length} bytes
     * (what every signer emits), else null. Signatures in any other spelling cannot match.
     */
    @Nullable
    static byte[] decodeCanonical(String text, int length) {
        int expected = (length + 2) / 3 * 4;
        if (text.length() != expected) {
            return null;
        }
        int pad = (3 - length % 3) % 3;
        for (int i = expected - pad; i < expected; i++) {
            if (text.charAt(i) != '=') {
                return null;
            }
        }
        if (!isAlphabet(text, 0, expected - pad)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Unused low bits of the last character must be zero, so one signature has one spelling.
        return bytes.length == length
                        && Base64.getEncoder().encodeToString(bytes).equals(text)
                ? bytes
                : null;
    }

    private static boolean isAlphabet(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
