package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.receiver.InboundRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** A servlet request as the pipeline sees it: its headers, its entity stream and its URI. */
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
    public String path() {
        return request.getRequestURI();
    }
}
