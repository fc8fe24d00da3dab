package com.webriskops.webhooks.receiver;

import jakarta.annotation.Nullable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A complete HTTP answer decided by the pipeline: status, content type, extra headers (such as
 * {@code Retry-After}) and body bytes. Adapters write it as it is. Immutable and thread-safe.
 */
public final class HttpAnswer {
    private final int status;

    @Nullable
    private final String contentType;

    private final Map<String, String> headers;
    private final byte[] body;

    HttpAnswer(int status, @Nullable String contentType, Map<String, String> headers, byte[] body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100 to 599, not " + status);
        }
        this.status = status;
        this.contentType = contentType;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    /**
     * An answer to write as it is: for components that decide answers outside the receiver pipeline
     * (the idempotency filter, the ticket-export API), so every adapter writes one type.
     *
     * @param contentType the {@code Content-Type}, or null to send none
     * @param headers headers besides {@code Content-Type} and {@code Content-Length}
     * @throws IllegalArgumentException if {@code status} is not 100 to 599
     */
    public static HttpAnswer of(int status, @Nullable String contentType, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        return new HttpAnswer(status, contentType, headers, body);
    }

    public int status() {
        return status;
    }

    /** The {@code Content-Type} to send, such as {@code application/problem+json}, or null for none. */
    @Nullable
    public String contentType() {
        return contentType;
    }

    /** Headers to send besides {@code Content-Type} and {@code Content-Length}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A copy of the body bytes. */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    @Override
    public String toString() {
        return "HttpAnswer[status=" + status + ", contentType=" + contentType + ", headers=" + headers + ", body="
                + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpAnswer other
                && status == other.status
                && Objects.equals(contentType, other.contentType)
                && headers.equals(other.headers)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, headers, Arrays.hashCode(body));
    }
}
