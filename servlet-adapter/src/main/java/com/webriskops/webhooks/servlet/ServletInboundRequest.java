package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.receiver.InboundRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A servlet request as the pipeline sees it: its headers, its method, its entity stream and its routed path. */
final class ServletInboundRequest implements InboundRequest {
    private final HttpServletRequest request;

    ServletInboundRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values == null ? List.of() : Collections.list(values);
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    /**
     * The path the container routed the request with: context path, servlet path and path info,
     * normalised and decoded, without {@code ;} parameters (not the raw request URI, which a resolver
     * could be led astray by with {@code ..} segments or parameters).
     */
    @Override
    public String path() {
        String pathInfo = request.getPathInfo();
        return request.getContextPath() + request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }
}
