package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.testing.ReceiverConformanceSuite;
import com.webriskops.webhooks.testing.ReceiverHarness;
import com.webriskops.webhooks.testing.RecordingHandler;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conformance suite against the pipeline itself, with the smallest possible adapter: what every
 * real adapter must reproduce over HTTP.
 */
class DirectReceiverConformanceTest extends ReceiverConformanceSuite {
    @Override
    protected ReceiverHarness harness() {
        return (receiver, handler) -> new ReceiverHarness.Endpoint() {
            @Override
            public ReceiverHarness.Response post(Map<String, List<String>> headers, byte[] body) {
                return handle(receiver, handler, headers, body);
            }

            @Override
            public void close() {}
        };
    }

    static <P> ReceiverHarness.Response handle(
            WebhookReceiver<P> receiver, RecordingHandler handler, Map<String, List<String>> headers, byte[] body) {
        ReceiveResult<P> result = receiver.receive(InboundRequest.of(headers, body));
        if (result instanceof ReceiveResult.Accepted<P> accepted) {
            VerifiedDelivery<P> delivery = accepted.delivery();
            int status;
            try {
                status = handler.handle(new RecordingHandler.Seen(
                        delivery.idempotencyKey(),
                        delivery.attempt(),
                        delivery.nonce(),
                        delivery.rawBody(),
                        delivery.payload(TicketExportWebhook.class)
                                .ticketExport()
                                .title()));
            } catch (RuntimeException e) {
                receiver.abandon(delivery);
                return new ReceiverHarness.Response(500, Map.of(), new byte[0]);
            }
            receiver.finish(delivery, status);
            return new ReceiverHarness.Response(status, Map.of(), new byte[0]);
        }
        HttpAnswer answer = result.answer();
        Map<String, List<String>> answerHeaders = new TreeMap<>();
        answerHeaders.put("content-type", List.of(answer.contentType()));
        answer.headers().forEach((name, value) -> answerHeaders.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        return new ReceiverHarness.Response(answer.status(), answerHeaders, answer.body());
    }
}
