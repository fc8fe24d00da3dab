package com.webriskops.webhooks.jaxrs.testing;

import jakarta.ws.rs.SeBootstrap;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * Starts a JAX-RS application in a real HTTP server on a free loopback port. Which runtime and server
 * answer is decided by the test module's classpath.
 */
@FunctionalInterface
public interface JaxrsServer {
    /** Starts {@code application}; the caller stops it with {@link Running#stop()}. */
    Running start(Application application) throws Exception;

    /**
     * A started server.
     *
     * @param baseUri where the application's root is, ending in {@code /}
     * @param stop stops the server
     */
    record Running(URI baseUri, AutoCloseable stop) {}

    /**
     * Starts through the standard Java SE bootstrap of JAX-RS 3.1 ({@link SeBootstrap}), which each
     * runtime backs with the server found on the classpath.
     */
    static JaxrsServer seBootstrap() {
        return application -> {
            SeBootstrap.Configuration configuration = SeBootstrap.Configuration.builder()
                    .protocol("HTTP")
                    .host("127.0.0.1")
                    .port(SeBootstrap.Configuration.FREE_PORT)
                    .rootPath("/")
                    .build();
            SeBootstrap.Instance instance = SeBootstrap.start(application, configuration)
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            URI base = instance.configuration().baseUri();
            URI root = base.toString().endsWith("/") ? base : URI.create(base + "/");
            return new Running(root, () -> instance.stop().toCompletableFuture().get(30, TimeUnit.SECONDS));
        };
    }
}
