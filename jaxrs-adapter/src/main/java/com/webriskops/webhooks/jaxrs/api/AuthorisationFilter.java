package com.webriskops.webhooks.jaxrs.api;

import com.webriskops.webhooks.jaxrs.Answers;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.ratelimit.TokenBuckets;
import com.webriskops.webhooks.receiver.ProblemDetails;
import com.webriskops.webhooks.sender.spi.TargetStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link ApiAuthoriser} before any ticket-export API method runs, at {@link
 * Priorities#AUTHENTICATION} (so before the {@code Idempotency-Key} filter claims a key), and on
 * success installs a {@link SecurityContext} whose principal is the call's owner (from the {@link
 * OwnerResolver}), which scopes its targets, exports and keys. Immutable and
 * thread-safe.
 */
@ExportApiCall
@Priority(Priorities.AUTHENTICATION)
@ConstrainedTo(RuntimeType.SERVER)
final class AuthorisationFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorisationFilter.class);

    private final ApiAuthoriser authoriser;
    private final OwnerResolver owners;
    private final @Nullable TokenBuckets rateLimit;
    private final Clock clock;

    AuthorisationFilter(ApiAuthoriser authoriser, OwnerResolver owners, @Nullable TokenBuckets rateLimit, Clock clock) {
        this.authoriser = authoriser;
        this.owners = owners;
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
                String owner = owner(verdict.principal());
                if (owner == null) {
                    request.abortWith(ApiProblems.problem(403, ErrorCode.FORBIDDEN, "this caller has no owner"));
                    return;
                }
                request.setSecurityContext(new Caller(owner, request.getSecurityContext()));
                return;
            case FORBIDDEN:
                request.abortWith(ApiProblems.problem(403, ErrorCode.FORBIDDEN, verdict.detail()));
                return;
            default:
                request.abortWith(ApiProblems.problem(401, ErrorCode.UNAUTHORIZED, verdict.detail()));
        }
    }

    @Nullable
    private String owner(String principal) {
        String owner;
        try {
            owner = owners.owner(principal);
        } catch (RuntimeException e) {
            LOG.warn("The owner resolver of the ticket-export API failed", e);
            return null;
        }
        if (owner == null || owner.isBlank() || owner.length() > TargetStore.MAX_OWNER_LENGTH) {
            return null;
        }
        return owner;
    }

    /**
     * The owner of the call, as this filter installed it; null when the security context is not this
     * filter's (the call then sees nothing).
     */
    @Nullable
    static String ownerOf(@Nullable SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof OwnerPrincipal principal) {
            return principal.getName();
        }
        return null;
    }

    /** The owner of an authorised call: its name scopes the caller's targets, exports and keys. */
    private record OwnerPrincipal(String getName) implements Principal {}

    /** The authorised caller. */
    private static final class Caller implements SecurityContext {
        private final Principal principal;
        private final boolean secure;

        Caller(String owner, SecurityContext original) {
            this.principal = new OwnerPrincipal(owner);
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
