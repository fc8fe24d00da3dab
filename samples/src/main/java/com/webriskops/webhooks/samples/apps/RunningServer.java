package com.webriskops.webhooks.samples.apps;

import java.net.URI;
import java.util.Objects;

/**
 * A started example server: where it receives webhooks, and how to stop it.
 *
 * @param endpoint the webhook URL, such as {@code http://127.0.0.1:8080/webhooks/webriskops}
 * @param stopper stops the server and frees its port
 */
public record RunningServer(URI endpoint, AutoCloseable stopper) implements AutoCloseable {
    /**
     * @throws NullPointerException if an argument is null
     */
    public RunningServer {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(stopper, "stopper");
    }

    /**
     * Stops the server; waits until its port is free.
     *
     * @throws IllegalStateException if the server fails to stop (interrupted among the reasons; the
     *     interrupt flag is then set again)
     */
    @Override
    public void close() {
        try {
            stopper.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the server at " + endpoint, e);
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the server at " + endpoint, e);
        }
    }
}
