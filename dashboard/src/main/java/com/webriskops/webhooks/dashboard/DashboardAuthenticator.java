package com.webriskops.webhooks.dashboard;

import jakarta.annotation.Nullable;

/**
 * Checks the API token a browser submits on the dashboard's sign-in form; the dashboard then keeps
 * an HttpOnly, SameSite=Strict session cookie, so the token is never put in a URL or sent again. Plug
 * in the application's own token check (the ticket-export API's {@code ApiAuthoriser} with its {@code
 * OwnerResolver} in {@code samples serve-api}).
 *
 * <p>Implementations must be thread-safe, compare tokens in constant time, and never log a token.
 */
@FunctionalInterface
public interface DashboardAuthenticator {
    /** Who {@code token} signs in as, or null when it is not recognised. */
    @Nullable
    DashboardUser signIn(String token);
}
