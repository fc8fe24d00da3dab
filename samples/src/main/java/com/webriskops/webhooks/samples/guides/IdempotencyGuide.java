package com.webriskops.webhooks.samples.guides;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.jaxrs.IdempotentApiFeature;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.servlet.IdempotencyFilter;
import com.webriskops.webhooks.servlet.SharedSecretFilter;
import jakarta.servlet.ServletContext;
import org.glassfish.jersey.server.ResourceConfig;

/** docs/idempotent-endpoints.md: Idempotency-Key and X-Scanner-Secret on JAX-RS and servlets. */
final class IdempotencyGuide {
    private IdempotencyGuide() {}

    static void jaxrs(ResourceConfig resourceConfig, JdbiStores stores) {
        // tag::jaxrs[]
        IdempotentRequests idempotency = IdempotentRequests.builder()
                .store(stores.idempotentResponseStore()) // or new InMemoryIdempotentResponseStore()
                .build();
        resourceConfig.register(IdempotentApiFeature.builder()
                .sharedSecretCheck(SharedSecretCheck.of(SharedSecret.of(System.getenv("WRO_SCANNER_SHARED_SECRET"))))
                .idempotentRequests(idempotency)
                .build());
        // end::jaxrs[]
    }

    static void servlet(ServletContext context, IdempotentRequests idempotency, String secret) {
        // tag::servlet[]
        context.addFilter("scanner-secret", new SharedSecretFilter(SharedSecretCheck.of(SharedSecret.of(secret))))
                .addMappingForUrlPatterns(null, false, "/api/scanner/*");
        context.addFilter("idempotency", new IdempotencyFilter(idempotency))
                .addMappingForUrlPatterns(null, true, "/api/scanner/*");
        // end::servlet[]
    }
}
