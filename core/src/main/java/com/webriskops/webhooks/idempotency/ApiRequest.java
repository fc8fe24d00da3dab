package com.webriskops.webhooks.idempotency;

import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;

/**
 * A request as an adapter hands it to {@link IdempotentRequests}: the adapters implement it over
 * their container's request. Not thread-safe; used by one request's thread.
 */
public interface ApiRequest {
    /** The HTTP method, such as {@code POST}. */
    String method();

    /** The request path as sent (not decoded), without the query string, such as {@code /api/scanner/results}. */
    String path();

    /** Every value of the header {@code name} (matched in any case), in order; empty when absent. */
    List<String> headers(String name);

    /** The authenticated principal, or null when the request is anonymous. */
    @Nullable
    Principal principal();

    /**
     * The request body. Read once, and only for requests that carry an {@code Idempotency-Key}.
     *
     * @throws IOException if the body cannot be read
     */
    InputStream body() throws IOException;
}
