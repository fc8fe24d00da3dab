package com.webriskops.webhooks.it.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.Deliveries;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter's operator dashboard in a real Spring Boot application behind Spring Security's form login
 * (two in-memory users, alice and bob), over real HTTP: the JDBI outbox on H2 holds deliveries of both
 * owners, and no {@code DashboardAuthenticator} is declared, so the signed-in principal is the dashboard
 * user and owns what carries its name.
 *
 * <p>Without a login a browser never reaches the dashboard: Spring Security answers 302 to its login
 * page (form login's entry point; an API with HTTP basic would answer 401 instead).
 */
@SpringBootTest(
        classes = SecuredDashboardApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.main.banner-mode=off",
            "spring.datasource.url=jdbc:h2:mem:dashboard-behind-spring-security;DB_CLOSE_DELAY=-1",
            "webriskops.webhooks.store=jdbc",
            "webriskops.webhooks.sender.enabled=true",
            "webriskops.webhooks.sender.poll-interval=50ms",
            "webriskops.webhooks.dashboard.enabled=true"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBehindSpringSecurityTest {
    private static final String DASHBOARD = "/webhooks-dashboard";
    /** A target's signing secret: a credential the dashboard must never show. */
    private static final String SECRET_TEXT = "whsec_spring_security_dashboard_never_shown";

    @LocalServerPort
    int port;

    @Autowired
    DeliveryStore outbox;

    @Autowired
    TargetStore targets;

    @Autowired
    CredentialStore credentials;

    private ExportTarget alicesTarget;
    private ExportTarget bobsTarget;
    private long alices;
    private long alicesToReapprove;
    private long bobs;

    @BeforeAll
    void enqueueDeliveriesOfTwoOwners() throws InterruptedException {
        Instant now = Instant.now();
        // Loopback targets without the self-hosted mode: the sender blocks them (private network), so each
        // delivery settles as blocked, with a reason and the "re-approve" action.
        alicesTarget = target("alice", "Alice tracker", now);
        bobsTarget = target("bob", "Bob tracker", now);
        alices = outbox.enqueue("alice", alicesTarget, Deliveries.exampleExport("alice-1"), now)
                .id();
        alicesToReapprove = outbox.enqueue("alice", alicesTarget, Deliveries.exampleExport("alice-2"), now)
                .id();
        bobs = outbox.enqueue("bob", bobsTarget, Deliveries.exampleExport("bob-1"), now)
                .id();
        for (long id : List.of(alices, alicesToReapprove, bobs)) {
            awaitStatus(id, DeliveryStatus.BLOCKED);
        }
    }

    @Test
    void withoutALoginABrowserIsSentToSpringSecuritysLoginPage() {
        Browser anonymous = new Browser(port);

        for (String path : List.of(DASHBOARD + "/", DASHBOARD + "/deliveries/" + alices, DASHBOARD + "/targets")) {
            HttpResponse<String> answer = anonymous.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
            assertThat(answer.headers().allValues("Set-Cookie"))
                    .as("no dashboard session for an anonymous caller")
                    .noneMatch(cookie -> cookie.startsWith("wro_dashboard="));
        }
        HttpResponse<String> seen = anonymous.open(DASHBOARD + "/");
        assertThat(seen.statusCode()).isEqualTo(200);
        assertThat(seen.body()).contains("Please sign in").doesNotContain("Outbox", "Alice tracker");

        HttpResponse<String> action =
                anonymous.post(DASHBOARD + "/deliveries/" + alices + "/reapprove", Map.of("csrf", "guessed-token"));
        assertThat(action.statusCode()).isEqualTo(302);
        assertThat(action.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        assertThat(outbox.find(alices).status()).isEqualTo(DeliveryStatus.BLOCKED);

        HttpResponse<String> wrongPassword = anonymous.logIn("alice", "not-alices-password");
        assertThat(wrongPassword.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?error"));
        assertThat(anonymous.get(DASHBOARD + "/").statusCode()).isEqualTo(302);
    }

    @Test
    void eachUserSeesOnlyTheDeliveriesAndTargetsOfTheirOwn() {
        Browser alice = loggedIn("alice", SecuredDashboardApplication.ALICE_PASSWORD);

        HttpResponse<String> first = alice.get(DASHBOARD + "/");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie -> assertThat(cookie)
                        .startsWith("wro_dashboard=")
                        .contains("HttpOnly", "SameSite=Strict", "Path=" + DASHBOARD));
        assertThat(first.body())
                .contains("Signed in as alice (owner alice)")
                .contains(link(alices), link(alicesToReapprove))
                .doesNotContain(link(bobs));
        assertThat(alice.get(DASHBOARD + "/deliveries/" + alices).body()).contains("alice-1");
        HttpResponse<String> bobsDelivery = alice.get(DASHBOARD + "/deliveries/" + bobs);
        assertThat(bobsDelivery.statusCode()).isEqualTo(404);
        assertThat(bobsDelivery.body())
                .as("exactly as an unknown id")
                .isEqualTo(alice.get(DASHBOARD + "/deliveries/999999").body());
        assertThat(bobsDelivery.body())
                .contains("There is no such delivery or target.")
                .doesNotContain("bob-1");
        assertThat(alice.get(DASHBOARD + "/deliveries/" + bobs + "/reapprove").statusCode())
                .isEqualTo(404);
        assertThat(alice.get(DASHBOARD + "/targets").body())
                .contains("Alice tracker")
                .doesNotContain("Bob tracker");

        Browser bob = loggedIn("bob", SecuredDashboardApplication.BOB_PASSWORD);
        assertThat(bob.get(DASHBOARD + "/").body())
                .contains("Signed in as bob (owner bob)")
                .contains(link(bobs))
                .doesNotContain(link(alices), link(alicesToReapprove));
        assertThat(bob.get(DASHBOARD + "/deliveries/" + alices).statusCode()).isEqualTo(404);
        assertThat(bob.get(DASHBOARD + "/targets").body())
                .contains("Bob tracker")
                .doesNotContain("Alice tracker");
    }

    @Test
    void actionsStillNeedTheDashboardsCsrfToken() {
        Browser alice = loggedIn("alice", SecuredDashboardApplication.ALICE_PASSWORD);
        String action = DASHBOARD + "/deliveries/" + alicesToReapprove + "/reapprove";
        HttpResponse<String> confirm = alice.get(action);
        assertThat(confirm.statusCode()).isEqualTo(200);
        String csrf = Browser.dashboardCsrf(confirm.body());

        HttpResponse<String> withoutToken = alice.post(action, Map.of());
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("did not come from the dashboard");
        assertThat(alice.post(action, Map.of("csrf", "x" + csrf)).statusCode())
                .as("a wrong token")
                .isEqualTo(403);
        Browser bob = loggedIn("bob", SecuredDashboardApplication.BOB_PASSWORD);
        String bobsToken =
                Browser.dashboardCsrf(bob.get(DASHBOARD + "/deliveries/" + bobs).body());
        assertThat(bob.post(action, Map.of("csrf", bobsToken)).statusCode())
                .as("bob's own token, on alice's delivery")
                .isEqualTo(404);
        assertThat(outbox.find(alicesToReapprove).status()).isEqualTo(DeliveryStatus.BLOCKED);
        assertThat(alice.get(DASHBOARD + "/deliveries/" + alicesToReapprove).body())
                .contains("Operator actions</h2><p>None yet.</p>");

        HttpResponse<String> done = alice.post(action, Map.of("csrf", csrf));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location"))
                .hasValue(DASHBOARD + "/deliveries/" + alicesToReapprove + "?notice=reapprove");
        assertThat(alice.open(done.headers().firstValue("Location").orElseThrow())
                        .body())
                .contains("The delivery is approved again and due now.")
                .contains("alice: reapprove (done)");

        // Outside the dashboard, Spring Security's own CSRF check still holds.
        assertThat(alice.post("/logout", Map.of()).statusCode()).isEqualTo(403);
    }

    @Test
    void noPageShowsASecretOrAPassword() {
        Browser alice = loggedIn("alice", SecuredDashboardApplication.ALICE_PASSWORD);
        List<String> pages = List.of(
                DASHBOARD + "/",
                DASHBOARD + "/?status=blocked",
                DASHBOARD + "/deliveries/" + alices,
                DASHBOARD + "/deliveries/" + alices + "/reapprove",
                DASHBOARD + "/deliveries/" + alices + "/fallback",
                DASHBOARD + "/targets",
                DASHBOARD + "/targets/" + alicesTarget.id() + "/disable");
        for (String page : pages) {
            HttpResponse<String> answer = alice.get(page);
            assertThat(answer.statusCode()).as(page).isEqualTo(200);
            assertThat(answer.body())
                    .as(page)
                    .doesNotContain(SECRET_TEXT)
                    .doesNotContain(SecuredDashboardApplication.ALICE_PASSWORD)
                    .doesNotContain("sha256=");
            assertThat(answer.headers().firstValue("Content-Security-Policy"))
                    .as(page)
                    .hasValueSatisfying(csp -> assertThat(csp).startsWith("default-src 'none'"));
        }
        // The secret is there, and used: the pages say so without showing it.
        assertThat(alice.get(DASHBOARD + "/targets").body()).contains("<td class=\"signing\">signed</td>");
        assertThat(alice.get(DASHBOARD + "/deliveries/" + alices).body())
                .contains("<dd id=\"signing-status\">signed</dd>");

        String csrf = Browser.dashboardCsrf(
                alice.get(DASHBOARD + "/deliveries/" + alices).body());
        for (String format : List.of("json", "csv", "md")) {
            HttpResponse<String> download = alice.post(
                    DASHBOARD + "/deliveries/" + alices + "/fallback", Map.of("csrf", csrf, "format", format));
            assertThat(download.statusCode()).as(format).isEqualTo(200);
            assertThat(download.body())
                    .as(format)
                    .contains("Fix checkout validation state")
                    .doesNotContain(SECRET_TEXT, "sha256=");
        }
    }

    @Test
    void loggingOutOfTheApplicationEndsTheDashboard() {
        Browser alice = loggedIn("alice", SecuredDashboardApplication.ALICE_PASSWORD);
        HttpResponse<String> outbox = alice.get(DASHBOARD + "/");
        assertThat(outbox.statusCode()).isEqualTo(200);
        assertThat(outbox.body())
                .as("no sign-out of the dashboard's own, and no token form")
                .doesNotContain("Sign out", "API token");
        HttpResponse<String> signIn = alice.get(DASHBOARD + "/sign-in");
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().firstValue("Location")).hasValue(DASHBOARD + "/");

        HttpResponse<String> loggedOut = alice.logOut();
        assertThat(loggedOut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login?logout"));

        HttpResponse<String> after = alice.get(DASHBOARD + "/");
        assertThat(after.statusCode())
                .as("the dashboard's cookie is still in the jar; Spring Security's session is gone")
                .isEqualTo(302);
        assertThat(after.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private Browser loggedIn(String username, String password) {
        Browser browser = new Browser(port);
        HttpResponse<String> loggedIn = browser.logIn(username, password);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        return browser;
    }

    private ExportTarget target(String owner, String name, Instant now) {
        ExportTarget stored = targets.create(
                        owner,
                        ExportTarget.builder()
                                .name(name)
                                .baseUrl("http://127.0.0.1:9/" + owner)
                                .build(),
                        now)
                .target();
        WebhookSecret secret = WebhookSecret.of(SECRET_TEXT);
        credentials.setSigningSecrets(stored.id(), List.of(secret));
        // Enqueued as the export API does: the stored target with its credential, so the delivery is signed.
        return stored.toBuilder().signingSecrets(secret).build();
    }

    private static String link(long id) {
        return "href=\"" + DASHBOARD + "/deliveries/" + id + "\"";
    }

    private void awaitStatus(long id, DeliveryStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Delivery delivery = outbox.find(id);
        while (delivery == null || delivery.status() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery " + id + " is " + (delivery == null ? "absent" : delivery.status())
                        + ", not " + status);
            }
            Thread.sleep(25);
            delivery = outbox.find(id);
        }
    }
}
