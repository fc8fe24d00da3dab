package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conformance suite against the pipeline itself, for every scheme, with the smallest possible
 * adapter: what every real adapter must reproduce over HTTP.
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
                status = handler.handle(delivery, delivery.rawBody());
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
