package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The servlet of the servlet example's Vicket and Standard Webhooks endpoints. It runs behind a {@code
 * WebRiskOpsWebhookFilter} built for the endpoint's scheme, so only verified, first-time deliveries
 * reach it. Thread-safe when the handler is.
 */
public class VerifiedDeliveryServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<VerifiedDelivery<?>> handler;

    /** A servlet that passes each verified, first-time delivery to {@code handler}. */
    public VerifiedDeliveryServlet(Consumer<VerifiedDelivery<?>> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Handles one verified delivery; the 204 completes its duplicate-guard key. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        handler.accept((VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE));
        response.setStatus(204);
    }
}
