package com.webriskops.webhooks.idempotency;

import jakarta.annotation.Nullable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A complete HTTP answer decided in core (a refusal, or a replayed stored response): status, content
 * type, extra headers and body bytes. Adapters write it as it is. Immutable and thread-safe.
 */
public final class ApiAnswer {
    private final int status;
    private final @Nullable String contentType;
    private final Map<String, String> headers;
    private final byte[] body;

    ApiAnswer(int status, @Nullable String contentType, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The {@code Content-Type} to send, or null to send none (a replayed answer that had none). */
    @Nullable
    public String contentType() {
        return contentType;
    }

    /** Headers to send besides {@code Content-Type} and {@code Content-Length}, such as {@code Retry-After}. */
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
        return "ApiAnswer[status=" + status + ", contentType=" + contentType + ", headers=" + headers + ", body="
                + body.length + " bytes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiAnswer other
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
