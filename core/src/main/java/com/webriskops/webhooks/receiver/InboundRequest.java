package com.webriskops.webhooks.receiver;

import jakarta.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An inbound HTTP request as the verification pipeline sees it: headers and a body stream. Adapters
 * implement it over their container's request; {@link #of} builds one from plain values.
 *
 * <p>The pipeline reads the body at most once and never more than its limit plus one byte.
 */
public interface InboundRequest {
    /**
     * Every value of the header {@code name}, compared without regard to case, in the order
     * received; empty when the header is absent.
     */
    List<String> headers(String name);

    /** The body. Called at most once per request. */
    InputStream body() throws IOException;

    /**
     * The HTTP method, such as {@code POST}; null if unknown (treated as {@code POST}). Any other
     * method is answered 405 with {@code Allow: POST}.
     */
    @Nullable
    default String method() {
        return null;
    }

    /**
     * The request path as the container routed it (normalised and decoded, without {@code ;}
     * parameters), for a {@link SecretResolver} that serves several endpoints; null if unknown.
     */
    @Nullable
    default String path() {
        return null;
    }

    /**
     * A request made of the given headers and body, for tests and for frameworks that have already
     * read the body. Header names are matched without regard to case.
     */
    static InboundRequest of(Map<String, ? extends List<String>> headers, byte[] body) {
        return of(headers, body, null);
    }

    /** Like {@link #of(Map, byte[])}, with a request path. */
    static InboundRequest of(Map<String, ? extends List<String>> headers, byte[] body, @Nullable String path) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Map<String, List<String>> byName = new TreeMap<>();
        headers.forEach((name, values) -> byName.computeIfAbsent(
                        name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                .addAll(values));
        return new InboundRequest() {
            @Override
            public List<String> headers(String name) {
                return byName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public String path() {
                return path;
            }
        };
    }
}
