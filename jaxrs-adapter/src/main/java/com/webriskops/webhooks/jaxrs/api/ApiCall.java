package com.webriskops.webhooks.jaxrs.api;

import jakarta.annotation.Nullable;
import java.util.Locale;
import java.util.Objects;

/**
 * One call to the ticket-export API, as an {@link ApiAuthoriser} sees it. Never logged by the kit
 * (the authorization header may hold a token); {@link #toString()} leaves it out. Immutable.
 *
 * @param method the HTTP method, upper case
 * @param path the request path relative to the application root, such as {@code
 *     api/ticket-exports/example-export-id/approve}
 * @param authorization the {@code Authorization} header, or null when absent
 */
public record ApiCall(String method, String path, @Nullable String authorization) {
    /**
     * @throws NullPointerException if {@code method} or {@code path} is null
     */
    public ApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        method = method.toUpperCase(Locale.ROOT);
    }

    /** True for calls that change nothing ({@code GET}, {@code HEAD}, {@code OPTIONS}). */
    public boolean readOnly() {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    public String toString() {
        return "ApiCall[" + method + " " + path + ", authorization=" + (authorization == null ? "absent" : "present")
                + "]";
    }
}
