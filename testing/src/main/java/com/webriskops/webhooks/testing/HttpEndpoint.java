package com.webriskops.webhooks.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link ReceiverHarness.Endpoint} reached over real HTTP with the JDK client, for adapter tests:
 * give it the server's URL and what to do on close.
 */
public final class HttpEndpoint implements ReceiverHarness.Endpoint {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI uri;
    private final AutoCloseable onClose;

    /** An endpoint at {@code uri}; {@code onClose} stops its server. */
    public HttpEndpoint(URI uri, AutoCloseable onClose) {
        this.uri = uri;
        this.onClose = onClose;
    }

    public URI uri() {
        return uri;
    }

    @Override
    public ReceiverHarness.Response post(Map<String, List<String>> headers, byte[] body) throws Exception {
        return send("POST", headers, body);
    }

    /** Sends one request with {@code method} (a body only when it is not empty) and returns the answer. */
    public ReceiverHarness.Response send(String method, Map<String, List<String>> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> lowerCased = new TreeMap<>();
        response.headers().map().forEach((name, values) -> lowerCased.put(name.toLowerCase(Locale.ROOT), values));
        return new ReceiverHarness.Response(response.statusCode(), lowerCased, response.body());
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the server", e);
        }
    }
}
