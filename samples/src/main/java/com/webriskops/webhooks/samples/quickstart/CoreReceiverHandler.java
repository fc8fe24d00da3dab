package com.webriskops.webhooks.samples.quickstart;

// tag::core[]
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.ToIntFunction;

/** Receives WebRiskOps webhooks with core alone, on the JDK's own HTTP server. */
public final class CoreReceiverHandler implements HttpHandler {
    private final WebhookReceiver<TicketExportWebhook> receiver;
    private final ToIntFunction<TicketExport> tickets; // your code: the status to answer

    public CoreReceiverHandler(WebhookReceiver<TicketExportWebhook> receiver, ToIntFunction<TicketExport> tickets) {
        this.receiver = receiver;
        this.tickets = tickets;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // tag::contract[]
        ReceiveResult<TicketExportWebhook> result = receiver.receive(request(exchange));
        if (!(result instanceof ReceiveResult.Accepted<TicketExportWebhook> accepted)) {
            answer(exchange, result.answer()); // 401, 413, 422, 429, 200 duplicate...: as documented
            return;
        }
        VerifiedDelivery<TicketExportWebhook> delivery = accepted.delivery();
        try {
            int status = tickets.applyAsInt(delivery.payload().ticketExport());
            receiver.finish(delivery, status); // 2xx completes the delivery; anything else releases it
            exchange.sendResponseHeaders(status, -1);
        } catch (RuntimeException e) {
            receiver.abandon(delivery); // the sender's retry runs your code again
            throw e;
        }
        // end::contract[]
    }

    private static InboundRequest request(HttpExchange exchange) {
        return new InboundRequest() {
            @Override
            public List<String> headers(String name) {
                List<String> values = exchange.getRequestHeaders().get(name);
                return values == null ? List.of() : values;
            }

            @Override
            public InputStream body() {
                return exchange.getRequestBody(); // read once, never past the receiver's limit
            }

            @Override
            public String method() {
                return exchange.getRequestMethod();
            }

            @Override
            public String path() {
                return exchange.getRequestURI().getPath();
            }
        };
    }

    private static void answer(HttpExchange exchange, HttpAnswer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), answer.bodyLength() == 0 ? -1 : answer.bodyLength());
        try (var body = exchange.getResponseBody()) {
            body.write(answer.body());
        }
    }
}
// end::core[]
