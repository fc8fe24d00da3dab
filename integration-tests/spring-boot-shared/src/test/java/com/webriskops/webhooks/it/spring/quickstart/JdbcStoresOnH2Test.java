package com.webriskops.webhooks.it.spring.quickstart;

import static com.webriskops.webhooks.testing.Deliveries.webRiskOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.it.spring.Http;
import com.webriskops.webhooks.jdbi.JdbiIdempotencyStore;
import com.webriskops.webhooks.jdbi.JdbiReplayStore;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.ReplayStore;
import com.webriskops.webhooks.testing.Deliveries;
import com.webriskops.webhooks.testing.SignedDelivery;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code webriskops.webhooks.store=jdbc} on the application's H2 DataSource, beside the application's own
 * Flyway migration: the stores' tables come with their own history table, the application's history
 * holds only its own migration, and the duplicate guard's state is in the database.
 */
@SpringBootTest(
        classes = QuickstartApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "webriskops.webhooks.receiver.secrets=" + Deliveries.SECRET_TEXT,
            "webriskops.webhooks.receiver.paths=/webhooks/*",
            "webriskops.webhooks.store=jdbc",
            "spring.datasource.url=jdbc:h2:mem:webhooks-jdbc;DB_CLOSE_DELAY=-1",
            "management.endpoint.health.show-details=always"
        })
class JdbcStoresOnH2Test {
    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ReplayStore replayStore;

    @Autowired
    IdempotencyStore idempotencyStore;

    @Test
    void deliveriesAreGuardedInTheApplicationsDatabase() {
        assertThat(replayStore).isInstanceOf(JdbiReplayStore.class);
        assertThat(idempotencyStore).isInstanceOf(JdbiIdempotencyStore.class);
        Http http = new Http(port);
        SignedDelivery first =
                webRiskOps().timestamp(Instant.now()).idempotencyKey("h2-export").build();

        assertThat(http.post("/webhooks/webriskops", first).statusCode()).isEqualTo(204);
        assertThat(http.post(
                                "/webhooks/webriskops",
                                webRiskOps().timestamp(Instant.now())
                                        .idempotencyKey("h2-export")
                                        .attempt(2)
                                        .build())
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.post("/webhooks/webriskops", first).statusCode()).isEqualTo(401);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_nonces", Integer.class))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM webhook_idempotency_keys", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT \"script\" FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL'", String.class))
                .containsExactly("V1__application_table.sql");
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM \"webhook_schema_history\" WHERE \"success\"", Integer.class))
                .isGreaterThanOrEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM application_orders", Integer.class))
                .isZero();

        JsonNode kit = http.getJson("/actuator/health").path("components").path("webriskopsWebhooks");
        assertThat(kit.path("status").asText()).isEqualTo("UP");
        assertThat(kit.path("details").path("store").asText()).isEqualTo("jdbc");
        assertThat(kit.path("details").path("database").asText()).isEqualTo("reachable");
    }
}
