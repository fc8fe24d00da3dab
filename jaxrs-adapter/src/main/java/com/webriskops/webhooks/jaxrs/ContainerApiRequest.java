package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.idempotency.IdempotentRequests.ApiRequest;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;

/** An {@link ApiRequest} over a JAX-RS request. */
final class ContainerApiRequest implements ApiRequest {
    private final ContainerRequestContext request;

    ContainerApiRequest(ContainerRequestContext request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    @Nullable
    public Principal principal() {
        SecurityContext security = request.getSecurityContext();
        return security == null ? null : security.getUserPrincipal();
    }

    @Override
    public InputStream body() {
        return request.getEntityStream();
    }
}
