package com.webriskops.webhooks.samples.apps;

import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The servlet of the servlet and {@code web.xml} examples. It runs behind {@code
 * WebRiskOpsWebhookFilter}, so only verified, first-time deliveries reach it; it hands each to a
 * handler and answers 204. Thread-safe when the handler is.
 */
public class TicketExportServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<VerifiedDelivery<?>> handler;

    /** A servlet that prints each delivery's ticket title (the {@code web.xml} example uses this one). */
    public TicketExportServlet() {
        this(delivery -> System.out.printf(
                "ticket %s, export %s, attempt %d%n",
                delivery.payload(TicketExportWebhook.class).ticketExport().title(),
                delivery.idempotencyKey(),
                delivery.attempt()));
    }

    /** A servlet that passes each verified, first-time delivery to {@code handler}. */
    public TicketExportServlet(Consumer<VerifiedDelivery<?>> handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Handles one verified delivery; the 204 completes its idempotency key. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerifiedDelivery<?> delivery = (VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE);
        TicketExport export = delivery.payload(TicketExportWebhook.class).ticketExport();
        Objects.requireNonNull(export, "ticket_export");
        handler.accept(delivery);
        response.setStatus(204);
    }
}
