package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.time.Duration;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * A dispatcher in its own JVM, for the SIGKILL test: {@code <jdbc url> <table prefix> <receiver url>}.
 * Prints {@code ready} once its workers run, then works until killed.
 */
public final class OutboxDispatcherMain {
    private OutboxDispatcherMain() {}

    public static void main(String[] args) throws InterruptedException {
        JdbcConnectionPool pool = TestDatabase.pooledPostgres(args[0]);
        JdbiStores stores = JdbiStores.builder(pool).tablePrefix(args[1]).build();
        ExportTarget target = CountingReceiver.target(args[2]);
        Dispatcher dispatcher = OutboxDurabilityTest.dispatcher(stores.deliveryStore(), target, "child");
        dispatcher.start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }

    static WebhookSender sender() {
        return sender(OutboxDurabilityTest.LEASE);
    }

    /** A sender whose attempts fit in {@code lease} (the dispatcher refuses one that would not). */
    static WebhookSender sender(Duration lease) {
        return WebhookSender.builder()
                .connectTimeout(lease.dividedBy(4))
                .responseTimeout(lease.dividedBy(2))
                .build();
    }
}
