package com.webriskops.webhooks.servlet.it.webapp;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application servlet of the {@code web.xml} test webapp: answers 200 with the entity it read, and
 * the verified delivery's idempotency key and title in headers.
 */
public final class EchoDeliveryServlet extends HttpServlet {
    static final String KEY_HEADER = "X-Verified-Idempotency-Key";
    static final String TITLE_LENGTH_HEADER = "X-Verified-Title-Length";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        VerifiedDelivery<?> delivery = (VerifiedDelivery<?>) request.getAttribute(VerifiedDelivery.ATTRIBUTE);
        byte[] body = request.getInputStream().readAllBytes();
        response.setStatus(200);
        response.setContentType("application/json");
        response.setHeader(KEY_HEADER, delivery.idempotencyKey());
        response.setHeader(
                TITLE_LENGTH_HEADER,
                Integer.toString(delivery.payload(TicketExportWebhook.class)
                        .ticketExport()
                        .title()
                        .length()));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
