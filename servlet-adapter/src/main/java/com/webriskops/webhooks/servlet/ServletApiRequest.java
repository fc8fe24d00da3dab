package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.IdempotentRequests.ApiRequest;
import jakarta.annotation.Nullable;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A servlet request as {@link com.webriskops.webhooks.idempotency.IdempotentRequests} sees it. */
final class ServletApiRequest implements ApiRequest {
    private final HttpServletRequest request;

    ServletApiRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    @Override
    @Nullable
    public Principal principal() {
        return request.getUserPrincipal();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }
}
