package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.samples.apps.JerseyReceiverApp;
import com.webriskops.webhooks.samples.apps.RunningServer;
import com.webriskops.webhooks.samples.apps.ServletReceiverApp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@code receive}: serves the webhook endpoint until stopped. */
final class ReceiveCommand implements Command {
    @Override
    public String name() {
        return "receive";
    }

    @Override
    public String summary() {
        return "serve POST /webhooks/webriskops (Jersey or Jetty) and print each accepted delivery";
    }

    @Override
    public String help() {
        return Main.usage("receive", "--port N [--adapter jaxrs|servlet] [--store memory|JDBC_URL]")
                + "Serves POST /webhooks/webriskops on 127.0.0.1 with the chosen adapter and store, and\n"
                + "prints one JSON line per accepted delivery (idempotency_key, attempt, nonce, ...).\n"
                + "Refused, replayed and duplicate deliveries are answered by the kit and not printed.\n"
                + "Ctrl-C stops it cleanly.\n\n"
                + "  --port N                 the port (0 for a free one; the URL is printed on stderr)\n"
                + "  --adapter A              jaxrs (Jersey on the JDK HTTP server, default) or servlet (Jetty 12)\n"
                + "  --store S                memory (default) or a JDBC URL (PostgreSQL, MariaDB, H2);\n"
                + "                           the migrations run on first use\n\n"
                + "Secret: " + Console.SECRET_ENV + " (comma-separated during a rotation).\n";
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "adapter", "store");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        int port = args.integer("port", -1, 0, 65_535);
        if (port < 0) {
            throw new UsageException("--port is required");
        }
        String adapter = args.optional("adapter") == null ? "jaxrs" : args.optional("adapter");
        if (!adapter.equals("jaxrs") && !adapter.equals("servlet")) {
            throw new UsageException("--adapter must be jaxrs or servlet, not '" + adapter + "'");
        }
        String store = args.optional("store") == null ? "memory" : args.optional("store");
        WebhookReceiver.Builder receiver = WebhookReceiver.builder().secrets(console.secrets());
        if (!store.equals("memory")) {
            JdbiStores stores = JdbiStores.create(Databases.open(store));
            receiver.replayStore(stores.replayStore()).idempotencyStore(stores.idempotencyStore());
        }
        Consumer<VerifiedDelivery> print = delivery -> console.printJson(line(delivery));
        RunningServer server = adapter.equals("jaxrs")
                ? JerseyReceiverApp.start(receiver.build(), port, print)
                : ServletReceiverApp.start(receiver.build(), port, print);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    awaitQuietly(stopped);
                },
                "receive-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        console.err()
                .println("receive: listening on " + server.endpoint() + " (" + adapter + ", store "
                        + (store.equals("memory") ? "memory" : Databases.redact(store)) + "); Ctrl-C stops");
        boolean interrupted = false;
        try {
            stop.await();
        } catch (InterruptedException e) {
            interrupted = true; // stopped from inside the JVM (tests, embedding)
        } finally {
            server.close();
            stopped.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
        console.err().println("receive: stopped");
        return Main.OK;
    }

    /** The JSON line printed for an accepted delivery. */
    static Map<String, Object> line(VerifiedDelivery delivery) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("idempotency_key", delivery.idempotencyKey());
        line.put("attempt", delivery.attempt());
        line.put("nonce", delivery.nonce());
        line.put("timestamp", delivery.timestamp().getEpochSecond());
        line.put("target_id", delivery.webhook().target().id());
        line.put("ticket", delivery.webhook().ticketExport().title());
        return line;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
