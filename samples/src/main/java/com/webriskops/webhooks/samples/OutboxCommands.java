package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/** {@code enqueue}, {@code dispatch} and {@code status}: the durable outbox from the command line. */
final class OutboxCommands {
    private static final int LIST_LIMIT = 10_000;

    private OutboxCommands() {}

    /** {@code enqueue}: adds deliveries to the outbox. */
    static final class Enqueue extends Command {
        Enqueue() {
            super(
                    "enqueue",
                    "add deliveries to the durable outbox (a database)",
                    "--store JDBC_URL --url URL --payload FILE [--count N] [--deployment-mode M]\n"
                            + "       [--allow-private CIDR,...] [--idempotency-key K]",
                    "Adds N deliveries of the export (each its own idempotency key) to the outbox in the\n"
                            + "database, pending and due now, and prints one JSON status view per delivery. The\n"
                            + "target's URL and network settings are saved next to the outbox (secrets never are).\n"
                            + "Run 'dispatch' to deliver them.\n\n"
                            + "  --store JDBC_URL         PostgreSQL, MariaDB or H2; the migrations run on first use\n"
                            + "  --url URL                the receiver's webhook URL\n"
                            + "  --payload FILE           a ticket-export.webhook.v1 document\n"
                            + "  --count N                how many deliveries (default 1)\n"
                            + Exports.TARGET_HELP
                            + "  --idempotency-key K      the key (with -1, -2, ... when N > 1; default: fresh ones)\n");
        }

        @Override
        public Set<String> options() {
            Set<String> options = new HashSet<>(Exports.TARGET_OPTIONS);
            options.addAll(Set.of("store", "url", "payload", "count", "idempotency-key"));
            return options;
        }

        @Override
        public int run(Args args, Console console) throws Exception {
            String url = args.required("url");
            int count = args.integer("count", 1, 1, 100_000);
            String key = args.optional("idempotency-key");
            Exports.Payload payload = Exports.readPayload(Path.of(args.required("payload")), key);
            ExportTarget target =
                    Exports.target(args, url, payload.targetId(), payload.providerKey(), console.secretsIfSet());
            DataSource dataSource = Databases.open(args.required("store"));
            DeliveryStore store = Databases.deliveryStore(dataSource);
            new OutboxTargets(dataSource).save(target);
            for (int i = 1; i <= count; i++) {
                ExportRequest base = payload.export();
                String id = key == null ? "samples-" + UUID.randomUUID() : count == 1 ? key : key + "-" + i;
                ExportRequest export = new ExportRequest(
                        id, base.accountId(), base.projectId(), base.ticketExport(), base.renderedBody());
                Instant now = Instant.now();
                console.printJson(DeliveryStatusView.of(store.enqueue(target, export, now), now));
            }
            return Main.OK;
        }
    }

    /** {@code dispatch}: runs a dispatcher on the outbox. */
    static final class Dispatch extends Command {
        Dispatch() {
            super(
                    "dispatch",
                    "deliver what the outbox holds (several may run on one database)",
                    "--store JDBC_URL [--until-idle] [--workers N] [--initial-backoff DURATION]",
                    "Runs a dispatcher on the outbox: claims due deliveries with a lease, signs and sends\n"
                            + "them, and records each result with the claim's fencing token, so several dispatchers\n"
                            + "may share one database. Without --until-idle it runs until Ctrl-C.\n\n"
                            + "  --store JDBC_URL         PostgreSQL, MariaDB or H2\n"
                            + "  --until-idle             exit 0 once nothing is due or leased\n"
                            + "  --workers N              worker threads (default " + Dispatcher.DEFAULT_WORKERS + ")\n"
                            + "  --initial-backoff D      wait after a first failure, doubling (default 10s)\n\n"
                            + "Secret: " + Console.SECRET_ENV + " (" + Console.ROTATION_HELP + ").\n");
        }

        @Override
        public Set<String> options() {
            return Set.of("store", "workers", "initial-backoff");
        }

        @Override
        public Set<String> flags() {
            return Set.of("until-idle");
        }

        @Override
        public int run(Args args, Console console) throws Exception {
            int workers = args.integer("workers", Dispatcher.DEFAULT_WORKERS, 1, 256);
            Duration backoff = args.duration("initial-backoff");
            var secrets = console.secrets();
            DataSource dataSource = Databases.open(args.required("store"));
            DeliveryStore store = Databases.deliveryStore(dataSource);
            RetryPolicy.Builder policy = RetryPolicy.builder();
            if (backoff != null) {
                policy.initialBackoff(backoff).maxBackoff(backoff.multipliedBy(64));
            }
            try (Dispatcher dispatcher = Dispatcher.builder()
                    .store(store)
                    .sender(WebhookSender.builder().build())
                    .targets(new OutboxTargets(dataSource).lookup(secrets))
                    .retryPolicy(policy.build())
                    .workers(workers)
                    .pollInterval(Duration.ofMillis(200))
                    .build()) {
                dispatcher.start();
                if (args.flag("until-idle")) {
                    do {
                        Thread.sleep(200);
                    } while (!idle(store, Instant.now()));
                } else {
                    console.err().println("dispatch: running as " + dispatcher.owner() + "; Ctrl-C stops");
                    CountDownLatch stop = new CountDownLatch(1);
                    Thread hook = new Thread(stop::countDown, "dispatch-shutdown");
                    Runtime.getRuntime().addShutdownHook(hook);
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            int exported = store.list(DeliveryStatus.EXPORTED, LIST_LIMIT).size();
            int failed = store.list(DeliveryStatus.FAILED, LIST_LIMIT).size();
            int blocked = store.list(DeliveryStatus.BLOCKED, LIST_LIMIT).size();
            int waiting = store.list(DeliveryStatus.RETRY_SCHEDULED, LIST_LIMIT).size();
            console.out()
                    .printf(
                            "{\"exported\":%d,\"failed\":%d,\"blocked\":%d,\"retry_scheduled\":%d}%n",
                            exported, failed, blocked, waiting);
            return Main.OK;
        }

        /** True when nothing is pending, sending, or retry_scheduled and due. */
        static boolean idle(DeliveryStore store, Instant now) {
            if (!store.list(DeliveryStatus.PENDING, 1).isEmpty()
                    || !store.list(DeliveryStatus.SENDING, 1).isEmpty()) {
                return false;
            }
            List<Delivery> waiting = store.list(DeliveryStatus.RETRY_SCHEDULED, LIST_LIMIT);
            return waiting.stream()
                    .allMatch(
                            d -> d.nextAttemptAt() != null && d.nextAttemptAt().isAfter(now));
        }
    }

    /** {@code status}: prints the outbox's status views. */
    static final class Status extends Command {
        Status() {
            super(
                    "status",
                    "print one JSON status view per delivery in the outbox",
                    "--store JDBC_URL [--id ID]",
                    "Prints one JSON status view per delivery (status, code, retry_count, attempts, ...),\n"
                            + "oldest first; with --id only that one (exit 1 when there is none).\n\n"
                            + "  --store JDBC_URL         PostgreSQL, MariaDB or H2\n"
                            + "  --id ID                  one delivery's id\n");
        }

        @Override
        public Set<String> options() {
            return Set.of("store", "id");
        }

        @Override
        public int run(Args args, Console console) {
            String id = args.optional("id");
            long wanted = -1;
            if (id != null) {
                wanted = Args.wholeNumber(id, 1, Long.MAX_VALUE);
                if (wanted < 0) {
                    throw new UsageException("--id must be a delivery id (a number), not '" + id + "'");
                }
            }
            DeliveryStore store = Databases.deliveryStore(Databases.open(args.required("store")));
            Instant now = Instant.now();
            if (id != null) {
                Delivery delivery = store.find(wanted);
                if (delivery == null) {
                    console.err().println("status: no delivery with id " + wanted);
                    return Main.NOT_OK;
                }
                console.printJson(DeliveryStatusView.of(delivery, now));
                return Main.OK;
            }
            store.list(null, LIST_LIMIT).forEach(d -> console.printJson(DeliveryStatusView.of(d, now)));
            return Main.OK;
        }
    }
}
