package com.webriskops.webhooks.jdbi;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * Embedded PostgreSQL that a test stops and starts again on the same port and data directory, which is
 * what a database restart looks like to the application: what was written before the stop is there
 * after the start. Not thread-safe: the test's thread drives it.
 */
final class RestartablePostgres implements AutoCloseable {
    private final int port;
    private final Path dataDirectory;
    private @Nullable EmbeddedPostgres running;

    /** Starts the server on a free port, keeping its data in {@code dataDirectory}. */
    RestartablePostgres(Path dataDirectory) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.dataDirectory = dataDirectory;
        start();
    }

    /** The JDBC URL of the {@code postgres} database as user {@code postgres}, followed by {@code parameters}. */
    String url(String parameters) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres" + parameters;
    }

    /** Stops the server; connections to it fail until {@link #start()}. */
    void stop() throws IOException {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts the server again on the same port and data. */
    void start() throws IOException {
        if (running == null) {
            running = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
