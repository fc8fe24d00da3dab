package com.webriskops.webhooks.dashboard.internal;

import jakarta.annotation.Nullable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A page being written: text and attribute values are always escaped ({@link #text}, {@link #attr});
 * markup ({@link #raw}) is only ever the kit's own constant tags. Not thread-safe.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder(8192);

    /** Appends markup written by the kit (never data). */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Appends {@code text} escaped for element content; null appends nothing. */
    public Html text(@Nullable Object text) {
        if (text != null) {
            escape(String.valueOf(text), out);
        }
        return this;
    }

    /** Appends {@code name="value"} with the value escaped for a double-quoted attribute. */
    public Html attr(String name, @Nullable Object value) {
        out.append(' ').append(name).append("=\"");
        if (value != null) {
            escape(String.valueOf(value), out);
        }
        out.append('"');
        return this;
    }

    /** Appends {@code <tag>text</tag>} with the text escaped. */
    public Html element(String tag, @Nullable Object text) {
        return raw("<" + tag + ">").text(text).raw("</" + tag.split(" ", 2)[0] + ">");
    }

    /** The page. */
    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * {@code text} escaped for HTML element content and double- or single-quoted attributes: {@code &
     * < > " '} become character references, and control characters other than tab and line breaks are
     * dropped. Linear in the input.
     */
    public static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        escape(text, sb);
        return sb.toString();
    }

    private static void escape(String text, StringBuilder sb) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
            }
        }
    }

    /** {@code value} encoded for a URL query component. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
