package com.webriskops.webhooks.it.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.dashboard.DashboardAuthenticator;
import com.webriskops.webhooks.dashboard.DashboardUser;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.Deliveries;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The same application with a {@link DashboardAuthenticator} bean of its own, which the starter uses in
 * place of its principal-is-owner default: both of Spring Security's users work on alice's outbox, bob
 * only reading it.
 */
@SpringBootTest(
        classes = SecuredDashboardApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.banner-mode=off",
            "spring.datasource.url=jdbc:h2:mem:dashboard-users-of-the-application;DB_CLOSE_DELAY=-1",
            "webriskops.webhooks.store=jdbc",
            "webriskops.webhooks.sender.enabled=true",
            "webriskops.webhooks.sender.poll-interval=50ms",
            "webriskops.webhooks.dashboard.enabled=true"
        })
@Import(DashboardUsersOfTheApplicationTest.TeamDashboard.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardUsersOfTheApplicationTest {
    private static final String DASHBOARD = "/webhooks-dashboard";

    /** The application's own mapping from Spring Security's users to dashboard users. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TeamDashboard {
        @Bean
        DashboardAuthenticator teamDashboard() {
            return new DashboardAuthenticator() {
                @Override
                public DashboardUser signIn(String token) {
                    return null;
                }

                @Override
                public DashboardUser fromRequest(HttpServletRequest request) {
                    Principal principal = request.getUserPrincipal();
                    if (principal == null) {
                        return null;
                    }
                    return switch (principal.getName()) {
                        case "alice" -> new DashboardUser("alice", "alice", true);
                        case "bob" -> new DashboardUser("alice", "bob", false);
                        default -> null;
                    };
                }
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DeliveryStore outbox;

    @Autowired
    TargetStore targets;

    private long alices;

    @BeforeAll
    void enqueueADeliveryOfAlice() throws InterruptedException {
        Instant now = Instant.now();
        ExportTarget target = targets.create(
                        "alice",
                        ExportTarget.builder()
                                .name("Alice tracker")
                                .baseUrl("http://127.0.0.1:9/alice")
                                .build(),
                        now)
                .target();
        alices = outbox.enqueue("alice", target, Deliveries.exampleExport("team-1"), now)
                .id();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Delivery delivery = outbox.find(alices);
        while (delivery.status() != DeliveryStatus.BLOCKED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery " + alices + " is " + delivery.status() + ", not blocked");
            }
            Thread.sleep(25);
            delivery = outbox.find(alices);
        }
    }

    @Test
    void theApplicationsAuthenticatorDecidesWhoSeesWhatAndWhoMayAct() {
        Browser bob = new Browser(port);
        assertThat(bob.logIn("bob", SecuredDashboardApplication.BOB_PASSWORD).statusCode())
                .isEqualTo(302);
        HttpResponse<String> outboxPage = bob.get(DASHBOARD + "/");
        assertThat(outboxPage.statusCode()).isEqualTo(200);
        assertThat(outboxPage.body())
                .contains("Signed in as bob (owner alice, read only)")
                .contains("href=\"" + DASHBOARD + "/deliveries/" + alices + "\"");
        String action = DASHBOARD + "/deliveries/" + alices + "/reapprove";
        String csrf = Browser.dashboardCsrf(
                bob.get(DASHBOARD + "/deliveries/" + alices).body());
        HttpResponse<String> refused = bob.post(action, Map.of("csrf", csrf));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This sign-in may only read.");
        assertThat(outbox.find(alices).status()).isEqualTo(DeliveryStatus.BLOCKED);

        Browser alice = new Browser(port);
        assertThat(alice.logIn("alice", SecuredDashboardApplication.ALICE_PASSWORD)
                        .statusCode())
                .isEqualTo(302);
        String alicesCsrf = Browser.dashboardCsrf(
                alice.get(DASHBOARD + "/deliveries/" + alices).body());
        HttpResponse<String> done = alice.post(action, Map.of("csrf", alicesCsrf));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(bob.get(DASHBOARD + "/deliveries/" + alices).body()).contains("alice: reapprove (done)");
    }
}
