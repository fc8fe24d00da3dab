package com.webriskops.webhooks.dashboard;

import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides who uses the dashboard and which owner's deliveries they see. Two ways in, both ending in a
 * dashboard session (an HttpOnly, SameSite=Strict cookie with its own CSRF token):
 *
 * <ul>
 *   <li>{@link #signIn(String)}: the API token a browser posts on the dashboard's sign-in form, so the
 *       token never goes in a URL or is sent again (the ticket-export API's {@code ApiAuthoriser} in
 *       {@code samples serve-api});
 *   <li>{@link #fromRequest(HttpServletRequest)}: the principal the application's own security
 *       (Spring Security, the container's login) already put on the request; see {@link
 *       #fromPrincipal(Function)}.
 * </ul>
 *
 * <p>Implementations must be thread-safe, compare tokens in constant time, and never log a token.
 */
@FunctionalInterface
public interface DashboardAuthenticator {
    /** Who {@code token} signs in as, or null when it is not recognised. */
    @Nullable
    DashboardUser signIn(String token);

    /**
     * Who the request's own authentication says the user is, or null (the default) when the
     * application does not authenticate dashboard requests itself and the sign-in form applies. Called
     * on every request; when it names another user than the session's, the session is replaced.
     */
    @Nullable
    default DashboardUser fromRequest(HttpServletRequest request) {
        return null;
    }

    /**
     * Users are the request's {@link HttpServletRequest#getUserPrincipal() principal}, as the
     * application's security (Spring Security, container login) set it; {@code ownerOf} maps its name to
     * the owner whose deliveries it sees ({@code name -> name} when each user owns its own). Every such
     * user may act. The sign-in form accepts no token (a signed-in principal asking for it is sent to the
     * outbox), and pages offer no sign-out of their own: the application's sign-out ends the dashboard's
     * session with the next request.
     */
    static DashboardAuthenticator fromPrincipal(Function<String, String> ownerOf) {
        Objects.requireNonNull(ownerOf, "ownerOf");
        return new DashboardAuthenticator() {
            @Override
            @Nullable
            public DashboardUser signIn(String token) {
                return null;
            }

            @Override
            @Nullable
            public DashboardUser fromRequest(HttpServletRequest request) {
                Principal principal = request.getUserPrincipal();
                if (principal == null
                        || principal.getName() == null
                        || principal.getName().isBlank()) {
                    return null;
                }
                return new DashboardUser(ownerOf.apply(principal.getName()), principal.getName(), true);
            }

            @Override
            public String toString() {
                return "DashboardAuthenticator.fromPrincipal";
            }
        };
    }
}
