package com.webriskops.webhooks.samples.quickstart;

// tag::servlet[]
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Receives the deliveries {@link WebhooksSetup}'s filter verified. */
@WebServlet("/webhooks/webriskops")
public class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    // tag::do-post[]
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        VerifiedDelivery<?> delivery = (VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE);
        TicketExport export = delivery.payload(TicketExportWebhook.class).ticketExport();
        // runs only for verified, valid, first-time deliveries; 2xx completes, anything else releases
        response.setStatus(204);
    }
    // end::do-post[]
}
// end::servlet[]
