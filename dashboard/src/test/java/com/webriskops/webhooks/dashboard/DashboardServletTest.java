package com.webriskops.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.MutableClock;
import com.webriskops.webhooks.testing.TestDeliveries;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard over real HTTP on embedded Jetty, without a browser, on the in-memory stores: what
 * every browser test relies on (sessions, CSRF, ownership, escaping, paging), checked on the bytes.
 */
class DashboardServletTest {
    static final String TOKEN = "operator-token-0123456789";
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    private final DeliveryStore deliveries = DeliveryStore.inMemory();
    private final TargetStore targets = TargetStore.inMemory();
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    private final HttpClient client =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Server jetty;
    private String base;

    @BeforeEach
    void start() throws Exception {
        DashboardServlet dashboard = DashboardServlet.builder()
                .deliveryStore(deliveries)
                .targetStore(targets)
                .clock(clock)
                .sessionTimeout(Duration.ofMinutes(30))
                .pageSize(2)
                .authenticator(token -> token.equals(TOKEN) ? new DashboardUser("alice", "ops", true) : null)
                .build();
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addServlet(new ServletHolder(dashboard), "/ops/*");
        // The same dashboard behind "the application's own authentication": a filter that trusts a test
        // header as the container's login would, and an authenticator that takes the request principal.
        context.addServlet(
                new ServletHolder(DashboardServlet.builder()
                        .deliveryStore(deliveries)
                        .targetStore(targets)
                        .clock(clock)
                        .authenticator(DashboardAuthenticator.fromPrincipal(name -> name))
                        .build()),
                "/sso/*");
        context.addFilter(
                new FilterHolder((Filter) (request, response, chain) -> {
                    String user = ((HttpServletRequest) request).getHeader("X-Test-User");
                    chain.doFilter(
                            user == null
                                    ? request
                                    : new HttpServletRequestWrapper((HttpServletRequest) request) {
                                        @Override
                                        public Principal getUserPrincipal() {
                                            return () -> user;
                                        }
                                    },
                            response);
                }),
                "/sso/*",
                EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/app/ops";
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    @Test
    void signInSetsAnHttpOnlySameSiteCookieScopedToTheDashboardAndSessionsExpireWhenIdle() throws Exception {
        assertThat(get("/", null).headers().firstValue("Location")).hasValue("/app/ops/sign-in");
        assertThat(signInResponse("wrong-token-000000000").statusCode()).isEqualTo(401);
        HttpResponse<String> fromAnotherSite = client.send(
                HttpRequest.newBuilder(URI.create(base + "/sign-in"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Sec-Fetch-Site", "cross-site")
                        .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(fromAnotherSite.statusCode()).as("login CSRF").isEqualTo(403);
        assertThat(fromAnotherSite.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> signedIn = signInResponse(TOKEN);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .contains("HttpOnly", "SameSite=Strict", "Path=/app/ops")
                .doesNotContain(TOKEN);
        String session = cookie.split(";", 2)[0];
        assertThat(get("/", session).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        assertThat(get("/", session).statusCode()).as("expired").isEqualTo(303);
    }

    @Test
    void behindTheApplicationsAuthenticationTheRequestPrincipalIsTheUserAndItsSessionEndsWithIt() throws Exception {
        String sso = base.replace("/ops", "/sso");
        HttpResponse<String> first = client.send(
                HttpRequest.newBuilder(URI.create(sso + "/"))
                        .header("X-Test-User", "alice")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("Signed in as alice (owner alice)");
        assertThat(first.body())
                .as("no sign-out of the dashboard's own: the application's ends it")
                .doesNotContain("sign-out");
        String session = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        HttpResponse<String> signInPage = client.send(
                HttpRequest.newBuilder(URI.create(sso + "/sign-in"))
                        .header("X-Test-User", "alice")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signInPage.statusCode())
                .as("no token form for a signed-in principal")
                .isEqualTo(303);
        assertThat(signInPage.headers().firstValue("Location")).hasValue("/app/sso/");

        HttpResponse<String> asBob = client.send(
                HttpRequest.newBuilder(URI.create(sso + "/"))
                        .header("X-Test-User", "bob")
                        .header("Cookie", session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asBob.body()).as("another principal gets its own session").contains("Signed in as bob (owner bob)");

        HttpResponse<String> signedOutThere = client.send(
                HttpRequest.newBuilder(URI.create(sso + "/"))
                        .header("Cookie", session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedOutThere.statusCode()).isEqualTo(303);
    }

    @Test
    void escapesTicketTextAndNeverLinksItsUrl() throws Exception {
        ExportTarget target = storedTarget("alice", ExportTarget.builder().name("<b>bold</b>"));
        Delivery d = deliveries.enqueue("alice", target, DashboardBrowserTest.evilExport("evil-1"), clock.instant());
        String session = signIn();

        String page = get("/deliveries/" + d.id(), session).body();
        assertThat(page)
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .doesNotContain("href=\"javascript:")
                .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
                .contains("<code id=\"affected-url\">javascript:alert(&#39;url&#39;)</code>");
        assertThat(get("/targets", session).body())
                .contains("&lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<b>bold");
    }

    @Test
    void anotherOwnersOrUnknownIdsAnswer404AndActionsNeedTheCsrfToken() throws Exception {
        ExportTarget target = storedTarget("bob", ExportTarget.builder());
        Delivery bobs = deliveries.enqueue("bob", target, TestDeliveries.exampleExport("bob-1"), clock.instant());
        Delivery alices = deliveries.enqueue("alice", target, TestDeliveries.exampleExport("alice-1"), clock.instant());
        failIt(alices);
        String session = signIn();
        String csrf = csrf(session);

        assertThat(get("/deliveries/" + bobs.id(), session).statusCode()).isEqualTo(404);
        assertThat(get("/deliveries/" + bobs.id() + "/reapprove", session).statusCode())
                .isEqualTo(404);
        assertThat(get("/targets/" + target.id() + "/disable", session).statusCode())
                .isEqualTo(404);
        assertThat(post("/targets/" + target.id() + "/disable", session, "csrf=" + csrf)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/deliveries/0", session).statusCode()).isEqualTo(404);
        assertThat(get("/deliveries/abc", session).statusCode()).isEqualTo(404);

        assertThat(post("/deliveries/" + alices.id() + "/reapprove", session, "")
                        .statusCode())
                .isEqualTo(403);
        assertThat(post("/deliveries/" + alices.id() + "/reapprove", null, "csrf=" + csrf)
                        .statusCode())
                .as("no session")
                .isEqualTo(403);
        assertThat(deliveries.find(alices.id()).status()).isEqualTo(DeliveryStatus.BLOCKED);
        HttpResponse<String> done = post("/deliveries/" + alices.id() + "/reapprove", session, "csrf=" + csrf);
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location"))
                .hasValue("/app/ops/deliveries/" + alices.id() + "?notice=reapprove");
        assertThat(deliveries.find(alices.id()).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(get("/deliveries/" + alices.id(), session).body()).contains("ops: reapprove (done)");
    }

    @Test
    void disablesAnOwnTargetAfterConfirmationAndRecordsIt() throws Exception {
        ExportTarget target = storedTarget("alice", ExportTarget.builder());
        String session = signIn();
        assertThat(get("/targets/" + target.id() + "/disable", session).body())
                .contains("Disable target " + target.id() + "?")
                .contains("id=\"confirm\"");
        HttpResponse<String> done = post("/targets/" + target.id() + "/disable", session, "csrf=" + csrf(session));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(targets.find(target.id()).active()).isFalse();
        assertThat(get("/targets", session).body()).contains("disabled 2030-01-01T10:00:00Z");
    }

    @Test
    void pagesNewestFirstAndRejectsABadFilter() throws Exception {
        ExportTarget target = storedTarget("alice", ExportTarget.builder());
        long[] ids = new long[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = deliveries
                    .enqueue("alice", target, TestDeliveries.exampleExport("k-" + i), clock.instant())
                    .id();
        }
        String session = signIn();
        String first = get("/", session).body();
        assertThat(first)
                .contains("href=\"/app/ops/deliveries/" + ids[2] + "\"", "href=\"/app/ops/deliveries/" + ids[1] + "\"");
        assertThat(first).doesNotContain("href=\"/app/ops/deliveries/" + ids[0] + "\"");
        assertThat(first).contains("href=\"/app/ops/?before=" + ids[1] + "\"");
        String second = get("/?before=" + ids[1], session).body();
        assertThat(second)
                .contains("href=\"/app/ops/deliveries/" + ids[0] + "\"")
                .contains(">Newest</a>");
        assertThat(get("/?status=bogus", session).statusCode()).isEqualTo(400);
        assertThat(get("/?status=pending&target=" + target.id(), session).body())
                .contains("<span class=\"n\">3</span> <span class=\"label\">pending</span>");
        assertThat(get("/?from=yesterday", session).statusCode()).isEqualTo(400);
    }

    @Test
    void theBuilderNeedsStoresAndAnAuthenticator() {
        assertThatThrownBy(() -> DashboardServlet.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DashboardServlet.builder().pageSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void failIt(Delivery delivery) {
        DeliveryStore.ClaimedDelivery claim =
                deliveries.claimDue("test", clock.instant(), Duration.ofSeconds(30), 10).stream()
                        .filter(c -> c.id() == delivery.id())
                        .findFirst()
                        .orElseThrow();
        deliveries.finish(
                claim,
                AttemptOutcome.blocked(
                        claim.attemptNumber(),
                        com.webriskops.webhooks.protocol.ErrorCode.GENERIC_WEBHOOK_AUTH_FAILED,
                        "the target answered 401",
                        clock.instant(),
                        clock.instant()),
                DeliveryStatus.BLOCKED,
                clock.instant());
    }

    private String signIn() throws Exception {
        return signInResponse(TOKEN)
                .headers()
                .firstValue("Set-Cookie")
                .orElseThrow()
                .split(";", 2)[0];
    }

    private HttpResponse<String> signInResponse(String token) throws Exception {
        return post("/sign-in", null, "token=" + token);
    }

    private String csrf(String session) throws Exception {
        Matcher m = CSRF.matcher(get("/", session).body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (session != null) {
            request.header("Cookie", session);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (session != null) {
            request.header("Cookie", session);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stores a target of {@code owner}'s on {@code https://hooks.example.com/x}, otherwise as {@code builder} says. */
    private ExportTarget storedTarget(String owner, ExportTarget.Builder builder) {
        return targets.create(
                        owner, builder.baseUrl("https://hooks.example.com/x").build(), clock.instant())
                .target();
    }
}
