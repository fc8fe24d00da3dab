/**
 * Durable replay and duplicate-guard stores, and the sender's delivery outbox, on JDBI 3, for
 * PostgreSQL, MariaDB and H2.
 *
 * <pre>{@code
 * JdbiStores.migrate(dataSource);                       // creates the tables (Flyway)
 * JdbiStores stores = JdbiStores.create(dataSource);    // dialect detected from the connection
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .secrets(secret)
 *         .replayStore(stores.replayStore())
 *         .idempotencyStore(stores.idempotencyStore())
 *         .build();
 * Dispatcher dispatcher = Dispatcher.builder()
 *         .store(stores.deliveryStore())                // the durable outbox
 *         .sender(sender)
 *         .targets(targetRepository::find)
 *         .build();
 * }</pre>
 *
 * <p>The schema ships as Flyway migrations under {@code com/webriskops/webhooks/jdbi/migration/<dialect>}
 * with a {@code table_prefix} placeholder, so applications that run their own Flyway can include the
 * same files. Every type here is immutable and thread-safe unless it says otherwise.
 */
package com.webriskops.webhooks.jdbi;
