package com.webriskops.webhooks.samples.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The servlet of the servlet example's scanner postback. It runs behind {@code SharedSecretFilter}
 * and {@code IdempotencyFilter}, so only requests with the right {@code X-Scanner-Secret} reach it,
 * once per {@code Idempotency-Key}. Thread-safe when the handler is.
 */
public class ScannerResultsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<ScannerResult> handler;

    /** A servlet that passes each accepted result to {@code handler}. */
    public ScannerResultsServlet(Consumer<ScannerResult> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Accepts one scanner result: 202 with its new id, or 400 {@code VALIDATION_FAILED}. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ScannerResults.Answer answer =
                ScannerResults.accept(request.getInputStream().readAllBytes(), handler);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
