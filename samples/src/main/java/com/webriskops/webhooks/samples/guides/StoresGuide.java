package com.webriskops.webhooks.samples.guides;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import javax.sql.DataSource;

/** docs/operations.md: receiver stores shared by several instances. */
final class StoresGuide {
    private StoresGuide() {}

    static WebhookReceiver<TicketExportWebhook> durableReceiver(DataSource dataSource, WebhookSecret secret) {
        // tag::stores[]
        JdbiStores.migrate(dataSource); // Flyway migrations shipped in the jar
        JdbiStores stores = JdbiStores.create(dataSource); // or JdbiStores.builder(jdbi).tablePrefix("hooks_")
        WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
                .secrets(secret)
                .replayStore(stores.replayStore())
                .idempotencyStore(stores.idempotencyStore())
                .build();
        // end::stores[]
        return receiver;
    }
}
