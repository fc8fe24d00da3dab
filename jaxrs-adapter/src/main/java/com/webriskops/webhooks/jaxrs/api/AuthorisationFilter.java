package com.webriskops.webhooks.jaxrs.api;

import com.webriskops.webhooks.jaxrs.Answers;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.ratelimit.TokenBuckets;
import com.webriskops.webhooks.receiver.ProblemDetails;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks the {@link ApiAuthoriser} before any ticket-export API method runs, at {@link
 * Priorities#AUTHENTICATION} (so before the {@code Idempotency-Key} filter claims a key), and on
 * success installs a {@link SecurityContext} naming the caller, which scopes its keys. Immutable and
 * thread-safe.
 */
@ExportApiCall
@Priority(Priorities.AUTHENTICATION)
@ConstrainedTo(RuntimeType.SERVER)
final class AuthorisationFilter implements ContainerRequestFilter {
    private final ApiAuthoriser authoriser;
    private final @Nullable TokenBuckets rateLimit;
    private final Clock clock;

    AuthorisationFilter(ApiAuthoriser authoriser, @Nullable TokenBuckets rateLimit, Clock clock) {
        this.authoriser = authoriser;
        this.rateLimit = rateLimit;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ApiCall call = new ApiCall(
                request.getMethod(),
                request.getUriInfo().getPath(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        ApiAuthorisation verdict = authoriser.authorise(call);
        switch (verdict.outcome()) {
            case ALLOWED:
                Duration wait = rateLimit == null ? null : rateLimit.tryTake(verdict.principal(), clock.instant());
                if (wait != null) {
                    request.abortWith(Answers.toResponse(ProblemDetails.render(
                            429,
                            ErrorCode.RATE_LIMITED.wireValue(),
                            "Too many calls; retry after the given delay.",
                            List.of(),
                            wait,
                            Map.of())));
                    return;
                }
                request.setSecurityContext(new Caller(verdict.principal(), request.getSecurityContext()));
                return;
            case FORBIDDEN:
                request.abortWith(ApiProblems.problem(403, ErrorCode.FORBIDDEN, verdict.detail()));
                return;
            default:
                request.abortWith(ApiProblems.problem(401, ErrorCode.UNAUTHORIZED, verdict.detail()));
        }
    }

    /** The authorised caller. */
    private static final class Caller implements SecurityContext {
        private final Principal principal;
        private final boolean secure;

        Caller(String name, SecurityContext original) {
            this.principal = () -> name;
            this.secure = original != null && original.isSecure();
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
