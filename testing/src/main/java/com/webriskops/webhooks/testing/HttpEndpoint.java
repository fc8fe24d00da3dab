package com.webriskops.webhooks.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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

    /** Bodies above this go out beside a reader (see {@link #sendWhileReading}). */
    private static final int LARGE_BODY = 64 * 1024;

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
        if (body.length > LARGE_BODY && "http".equals(uri.getScheme())) {
            return sendWhileReading(method, headers, body);
        }
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

    /**
     * Sends a large body on one thread while reading the answer on this one. A server may answer a body
     * it refuses unread (413 by {@code Content-Length}) and close the connection under a client still
     * writing it; the JDK client then reports the broken write and loses the answer, where a real
     * sender reads it. Plain HTTP/1.1 over a socket, {@code Connection: close}.
     */
    private ReceiverHarness.Response sendWhileReading(String method, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket()) {
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5_000);
            socket.setSoTimeout(30_000);
            String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(target)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(uri.getRawAuthority())
                    .append("\r\nContent-Length: ")
                    .append(body.length)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, values) -> values.forEach(
                    value -> head.append(name).append(": ").append(value).append("\r\n")));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(
                    () -> {
                        try {
                            out.write(body);
                            out.flush();
                        } catch (IOException refusedUnread) {
                            // The server stopped reading: its answer is what counts.
                        }
                    },
                    "http-endpoint-body");
            writer.setDaemon(true);
            writer.start();
            return readResponse(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static ReceiverHarness.Response readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        while (statusLine.startsWith("HTTP/1.1 1")) { // 100 Continue and other interim answers
            String line = readLine(in);
            while (!line.isEmpty()) {
                line = readLine(in);
            }
            statusLine = readLine(in);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            for (int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
                    size > 0;
                    size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) {
                body.write(in.readNBytes(size));
                readLine(in);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(
                    in.readNBytes(Integer.parseInt(headers.get("content-length").get(0))));
        } else {
            body.write(in.readAllBytes());
        }
        return new ReceiverHarness.Response(status, headers, body.toByteArray());
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("the connection closed in the middle of the answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
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
