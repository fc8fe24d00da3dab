package com.webriskops.webhooks.benchmarks;

import java.net.URI;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/** Apache HttpClient 5 with a keep-alive pool, the load drivers' client. Thread-safe. */
final class HttpDriver implements AutoCloseable {
    private final CloseableHttpClient client;

    HttpDriver(int connections) {
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections)
                        .build())
                .disableAutomaticRetries()
                .build();
    }

    /** POSTs the bytes with the headers; returns the status. */
    int post(URI uri, Map<String, String> headers, byte[] body, boolean closeConnection) throws Exception {
        HttpPost post = new HttpPost(uri);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                post.addHeader(name, value);
            }
        });
        if (closeConnection) {
            post.addHeader("Connection", "close");
        }
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        return client.execute(post, response -> {
            EntityUtils.consume(response.getEntity());
            return response.getCode();
        });
    }

    @Override
    public void close() throws java.io.IOException {
        client.close();
    }
}
