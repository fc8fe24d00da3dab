package com.webriskops.webhooks.dashboard;

import com.sun.net.httpserver.Headers;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.LoopbackServer;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit's {@link WebhookReceiver} behind a {@link LoopbackServer}. While {@link #down} it answers 503
 * with an HTML-looking body (which the dashboard must show as text); otherwise it verifies each delivery
 * and answers as the receiver decides.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final HttpAnswer MAINTENANCE = HttpAnswer.of(
            503,
            null,
            Map.of(),
            "<b>maintenance</b> <script>alert('snippet')</script>".getBytes(StandardCharsets.UTF_8));
    private static final HttpAnswer OK =
            HttpAnswer.of(200, null, Map.of(), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

    volatile boolean down = true;
    final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final WebhookReceiver<TicketExportWebhook> receiver =
            WebhookReceiver.builder().secrets(TestDeliveries.SECRET).build();
    private final LoopbackServer server;

    LoopbackReceiver() throws IOException {
        server = LoopbackServer.start(4).route("/hook", this::answer);
    }

    String url() {
        return server.url("/hook");
    }

    private HttpAnswer answer(Headers headers, byte[] body) {
        if (down) {
            return MAINTENANCE;
        }
        return LoopbackServer.verify(receiver, headers, body, OK, delivery -> accepted.add(delivery.idempotencyKey()));
    }

    @Override
    public void close() {
        server.close();
    }
}
