package com.webriskops.webhooks.idempotency;

import java.security.Principal;

/**
 * Says which scope a request's {@code Idempotency-Key} lives in, so that two clients using the same
 * key never see each other's answers: typically the authenticated account. Implementations must be
 * thread-safe and must not return null.
 *
 * <p>A scope of up to 128 printable ASCII characters is stored as it is; any other is stored as
 * {@code sha256:} followed by the hex SHA-256 of its UTF-8 bytes.
 */
@FunctionalInterface
public interface KeyScopeResolver {
    /** The scope of {@code request}'s key. */
    String scope(ApiRequest request);

    /** One scope shared by every request: the default, for an endpoint with one client (such as a scanner). */
    static KeyScopeResolver global() {
        return request -> "global";
    }

    /**
     * One scope per authenticated principal name ({@code principal:<name>}); anonymous requests share
     * the scope {@code anonymous}.
     */
    static KeyScopeResolver principalName() {
        return request -> {
            Principal principal = request.principal();
            return principal == null ? "anonymous" : "principal:" + principal.getName();
        };
    }
}
