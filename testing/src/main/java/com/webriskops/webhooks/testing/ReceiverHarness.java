package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.receiver.WebhookReceiver;
import java.util.List;
import java.util.Map;

/**
 * Puts a {@link WebhookReceiver} and a {@link RecordingHandler} behind a transport, so that one
 * {@link ReceiverConformanceSuite} runs against the pipeline directly and against every adapter over
 * real HTTP.
 */
public interface ReceiverHarness {
    /** Starts a receiver endpoint; the suite closes it after each test. */
    Endpoint start(WebhookReceiver<?> receiver, RecordingHandler handler) throws Exception;

    /** A running endpoint. */
    interface Endpoint extends AutoCloseable {
        /** Sends one POST and returns the answer. Headers may repeat a name (a list per name). */
        Response post(Map<String, List<String>> headers, byte[] body) throws Exception;

        /** Posts {@code delivery}'s headers and body and returns the answer. */
        default Response post(SignedDelivery delivery) throws Exception {
            return post(delivery.headers(), delivery.body());
        }

        /** Stops the endpoint; failures are thrown unchecked. */
        @Override
        void close();
    }

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param headers header values by lower-case name
     * @param body the body bytes
     */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header (name in any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
