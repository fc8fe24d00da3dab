package com.webriskops.webhooks.samples.guides;

import com.webriskops.webhooks.jaxrs.api.BearerTokenAuthoriser;
import com.webriskops.webhooks.jaxrs.api.PreparedExports;
import com.webriskops.webhooks.jaxrs.api.TicketExportApiFeature;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.glassfish.jersey.server.ResourceConfig;

/** docs/export-api.md: the ticket-export API beside the embedded sender. */
final class ExportApiGuide {
    private ExportApiGuide() {}

    static Dispatcher serve(
            ResourceConfig resourceConfig,
            DataSource dataSource,
            PreparedExports myExports,
            UnaryOperator<String> tenantOf) {
        // tag::feature[]
        JdbiStores.migrate(dataSource); // targets (no secrets), owners, the outbox
        JdbiStores stores = JdbiStores.create(dataSource);
        CredentialStore credentials = CredentialStore.inMemory(); // or your vault as a CredentialProvider

        Dispatcher dispatcher = Dispatcher.builder()
                .store(stores.deliveryStore())
                .sender(WebhookSender.builder().build())
                .targets(stores.targetStore().lookup(credentials)) // active targets + their secrets
                .build();
        dispatcher.start();

        resourceConfig.register(TicketExportApiFeature.builder()
                .targetStore(stores.targetStore())
                .credentials(credentials)
                .preparedExports(myExports) // (owner, exportId) -> the ExportRequest you prepared, or null
                .deliveryStore(stores.deliveryStore())
                .authoriser(BearerTokenAuthoriser.builder()
                        .token(System.getenv("WEBRISKOPS_API_TOKEN"), "automation")
                        .build())
                .ownerResolver(tenantOf::apply) // optional; default: the principal is the owner
                .idempotencyStore(stores.idempotentResponseStore()) // Idempotency-Keys scoped per owner
                .onEnqueue(dispatcher::wakeUp)
                .build());
        // end::feature[]
        return dispatcher;
    }
}
