package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.InboundRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** A JAX-RS request as the pipeline sees it: its headers, its entity stream and its decoded path. */
final class ContainerInboundRequest implements InboundRequest {
    private final ContainerRequestContext context;

    ContainerInboundRequest(ContainerRequestContext context) {
        this.context = context;
    }

    @Override
    public List<String> headers(String name) {
        // Jersey's and RESTEasy's header maps ignore case already; the scan covers any runtime whose
        // map does not.
        List<String> values = context.getHeaders().get(name);
        if (values != null) {
            return values;
        }
        for (Map.Entry<String, List<String>> header : context.getHeaders().entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name) && header.getValue() != null) {
                return header.getValue();
            }
        }
        return List.of();
    }

    @Override
    public String method() {
        return context.getMethod();
    }

    @Override
    public InputStream body() {
        return context.getEntityStream();
    }

    /**
     * The request URI's decoded path, application path included: the path the runtime matched the
     * resource with, so a secret chosen by path is the secret of the resource that runs.
     */
    @Override
    public String path() {
        return context.getUriInfo().getRequestUri().getPath();
    }
}
