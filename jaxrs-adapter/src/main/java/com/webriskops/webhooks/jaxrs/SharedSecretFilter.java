package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.receiver.HttpAnswer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Refuses {@link SharedSecretRequired} requests whose shared-secret header does not match, with the
 * check's 401 answer. Immutable and thread-safe.
 */
@SharedSecretRequired
@Priority(Priorities.AUTHENTICATION)
@ConstrainedTo(RuntimeType.SERVER)
final class SharedSecretFilter implements ContainerRequestFilter {
    private final SharedSecretCheck check;

    SharedSecretFilter(SharedSecretCheck check) {
        this.check = check;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        HttpAnswer refusal = check.check(request.getHeaderString(check.headerName()));
        if (refusal != null) {
            request.abortWith(Answers.toResponse(refusal));
        }
    }
}
