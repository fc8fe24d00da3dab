package com.webriskops.webhooks.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A plain {@code POST} to a served endpoint, as a webhook sender or a postback client makes it. */
final class HttpPost {
    private HttpPost() {}

    /** What the endpoint answered. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        /** The first value of header {@code name}, any case, or null. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    static Answer post(URI url, Map<String, List<String>> headers, String body) throws IOException {
        return post(url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer post(URI url, Map<String, List<String>> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            headers.forEach((name, values) -> values.forEach(v -> connection.addRequestProperty(name, v)));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            return new Answer(status, connection.getHeaderFields(), answer);
        } finally {
            connection.disconnect();
        }
    }
}
