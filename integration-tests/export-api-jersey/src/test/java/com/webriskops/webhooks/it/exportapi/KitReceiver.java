package com.webriskops.webhooks.it.exportapi;

import com.sun.net.httpserver.Headers;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.HttpAnswer;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.LoopbackServer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kit's {@link WebhookReceiver} behind a {@link LoopbackServer}: {@code /hook} verifies with the
 * test secret and accepts; {@code /busy} always answers 503 with {@code Retry-After: 120}, so a delivery
 * stays retry_scheduled.
 */
final class KitReceiver implements AutoCloseable {
    /** The Retry-After the busy path answers with, in seconds. */
    static final int BUSY_RETRY_AFTER = 120;

    final List<byte[]> accepted = new CopyOnWriteArrayList<>();
    private final WebhookReceiver<TicketExportWebhook> receiver =
            WebhookReceiver.builder().secrets(Deliveries.SECRET).build();
    private final LoopbackServer server;

    KitReceiver() throws IOException {
        HttpAnswer busy =
                HttpAnswer.of(503, null, Map.of("Retry-After", Integer.toString(BUSY_RETRY_AFTER)), new byte[0]);
        server = LoopbackServer.start(4).route("/hook", this::receive).route("/busy", (headers, body) -> busy);
    }

    String url(String path) {
        return server.url(path);
    }

    private HttpAnswer receive(Headers headers, byte[] body) {
        return LoopbackServer.verify(
                receiver, headers, body, LoopbackServer.status(200), delivery -> accepted.add(body));
    }

    @Override
    public void close() {
        server.close();
    }
}
