package com.webriskops.webhooks.samples.guides;

import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/** docs/sending.md: the durable outbox on the application's own database. */
final class OutboxGuide {
    private OutboxGuide() {}

    static Dispatcher start(DataSource dataSource, CredentialProvider credentials) {
        // tag::dispatcher[]
        JdbiStores.migrate(dataSource); // Flyway migrations shipped in the jar, own history table
        JdbiStores stores = JdbiStores.create(dataSource);
        Dispatcher dispatcher = Dispatcher.builder()
                .store(stores.deliveryStore())
                .sender(WebhookSender.builder().build())
                .targets(stores.targetStore().lookup(credentials)) // active targets and their secrets
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(8)
                        .initialBackoff(Duration.ofSeconds(2))
                        .build())
                .workers(2)
                .build();
        dispatcher.start(); // close() stops claiming and waits for the attempts under way
        // end::dispatcher[]
        return dispatcher;
    }

    static DeliveryStatusView enqueue(
            JdbiStores stores, Dispatcher dispatcher, ExportTarget target, ExportRequest export) {
        // tag::enqueue[]
        Delivery delivery = stores.deliveryStore().enqueue(target, export, Instant.now()); // same key: same row
        dispatcher.wakeUp();
        DeliveryStatusView view = DeliveryStatusView.of(stores.deliveryStore().find(delivery.id()), Instant.now());
        // view.status(): pending, retry_scheduled (view.retryAfterSeconds()), exported, blocked or failed
        // end::enqueue[]
        return view;
    }

    static String fallback(Delivery failed, ExportTarget target) {
        // tag::fallback[]
        PortableExport fallback = PortableExport.of(failed, target); // what a person carries over by hand
        String csv = fallback.csv(); // cells starting = + - @ are neutralised for spreadsheets
        String markdown = fallback.markdown();
        byte[] json = fallback.json();
        // end::fallback[]
        return csv + markdown + json.length;
    }
}
