package com.webriskops.webhooks.internal;

import jakarta.annotation.Nullable;

/**
 * Makes request data safe to put in a log line: the one place every log call that includes request
 * data (a path, a key, a detail derived from a body) goes through. Control characters (CR and LF
 * above all, which would forge log lines), DEL and the Unicode line and paragraph separators are
 * written as {@code \r}, {@code \n}, {@code \t} or {@code \}{@code uXXXX}, and the text is cut at
 * {@value #MAX_LENGTH} characters. Stateless and thread-safe.
 */
public final class LogSafe {
    /** The most characters of one value that reach a log line. */
    public static final int MAX_LENGTH = 256;

    private LogSafe() {}

    /** {@code value}'s text without line breaks or other control characters, bounded; "null" for null. */
    public static String text(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder safe = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean unsafe = c < 0x20 || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029';
            if (unsafe && safe == null) {
                safe = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (!unsafe) {
                    safe.append(c);
                } else if (c == '\r') {
                    safe.append("\\r");
                } else if (c == '\n') {
                    safe.append("\\n");
                } else if (c == '\t') {
                    safe.append("\\t");
                } else {
                    safe.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        String result = safe != null ? safe.toString() : text.substring(0, length);
        return text.length() > MAX_LENGTH ? result + "…" : result;
    }
}
