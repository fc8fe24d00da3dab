package com.webriskops.webhooks.idempotency;

import jakarta.annotation.Nullable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The answer stored for an idempotency key and replayed byte for byte to a retry: status, content
 * type and body. Other response headers are not stored. Immutable: the body is copied in and out.
 *
 * @param status the HTTP status, 200 to 499
 * @param contentType the {@code Content-Type} sent, or null when there was none
 * @param body the exact body bytes sent
 */
public record StoredResponse(int status, @Nullable String contentType, byte[] body) {
    /** The longest content type stored. */
    public static final int MAX_CONTENT_TYPE_LENGTH = 255;

    /**
     * @throws IllegalArgumentException if {@code status} is not 200 to 499, or the content type is
     *     longer than {@value #MAX_CONTENT_TYPE_LENGTH} characters
     */
    public StoredResponse {
        if (status < 200 || status > 499) {
            throw new IllegalArgumentException("status must be 200 to 499, not " + status);
        }
        if (contentType != null && contentType.length() > MAX_CONTENT_TYPE_LENGTH) {
            throw new IllegalArgumentException(
                    "contentType must be at most " + MAX_CONTENT_TYPE_LENGTH + " characters long");
        }
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResponse other
                && status == other.status
                && Objects.equals(contentType, other.contentType)
                && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, contentType, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "StoredResponse[status=" + status + ", contentType=" + contentType + ", body=" + body.length + " bytes]";
    }
}
