package com.webriskops.webhooks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.dashboard.DashboardAuthenticator;
import com.webriskops.webhooks.dashboard.DashboardServlet;
import com.webriskops.webhooks.dashboard.DashboardUser;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.spring.autoconfigure.WebRiskOpsWebhooksAutoConfiguration;
import com.webriskops.webhooks.spring.autoconfigure.WebRiskOpsWebhooksDashboardAutoConfiguration;
import com.webriskops.webhooks.spring.autoconfigure.WebRiskOpsWebhooksSenderAutoConfiguration;
import com.webriskops.webhooks.testing.Deliveries;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The dashboard's auto-configuration: off by default, on at its path with an authenticator, and wired to the outbox. */
class WebRiskOpsWebhooksDashboardAutoConfigurationTest {
    static final String TOKEN = "operator-token-0123456789";

    /** The sender on, and the dashboard's auto-configuration, but no authenticator. */
    private static final WebApplicationContextRunner WITHOUT_AUTHENTICATOR = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    WebRiskOpsWebhooksAutoConfiguration.class,
                    WebRiskOpsWebhooksSenderAutoConfiguration.class,
                    WebRiskOpsWebhooksDashboardAutoConfiguration.class))
            .withPropertyValues("webriskops.webhooks.sender.enabled=true");

    private final WebApplicationContextRunner runner = WITHOUT_AUTHENTICATOR.withBean(
            DashboardAuthenticator.class,
            () -> token -> token.equals(TOKEN) ? new DashboardUser("default", "operator", true) : null);

    @Test
    void isOffUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean("webriskopsDashboard");
        });
    }

    @Test
    void servesTheOutboxAtTheDefaultPathBehindTheSignInForm() {
        runner.withPropertyValues("webriskops.webhooks.dashboard.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            ServletRegistrationBean<?> registration =
                    context.getBean("webriskopsDashboard", ServletRegistrationBean.class);
            assertThat(registration.getUrlMappings()).containsExactly("/webhooks-dashboard/*");
            DashboardServlet servlet = (DashboardServlet) registration.getServlet();
            context.getBean(DeliveryStore.class)
                    .enqueue(
                            ExportTarget.builder()
                                    .id(1)
                                    .baseUrl("https://hooks.example.com/webriskops")
                                    .build(),
                            Deliveries.exampleExport("boot-dashboard-1"),
                            Instant.now());

            MockHttpServletResponse anonymous = call(servlet, "GET", "/", null, null);
            assertThat(anonymous.getStatus()).isEqualTo(303);
            assertThat(anonymous.getHeader("Location")).isEqualTo("/webhooks-dashboard/sign-in");
            assertThat(anonymous.getHeader("Content-Security-Policy"))
                    .isEqualTo(DashboardServlet.CONTENT_SECURITY_POLICY);

            assertThat(call(servlet, "POST", "/sign-in", "wrong-token-0123456789", null)
                            .getStatus())
                    .isEqualTo(401);
            MockHttpServletResponse signedIn = call(servlet, "POST", "/sign-in", TOKEN, null);
            assertThat(signedIn.getStatus()).isEqualTo(303);
            String cookie = signedIn.getHeader("Set-Cookie");
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/webhooks-dashboard");

            MockHttpServletResponse outbox = call(servlet, "GET", "/", null, cookie.split(";", 2)[0]);
            assertThat(outbox.getStatus()).isEqualTo(200);
            assertThat(outbox.getContentAsString()).contains("Signed in as operator", "Fix checkout validation state");
        });
    }

    @Test
    void takesItsPathFromTheProperty() {
        runner.withPropertyValues(
                        "webriskops.webhooks.dashboard.enabled=true", "webriskops.webhooks.dashboard.path=/ops/outbox")
                .run(context -> {
                    ServletRegistrationBean<?> registration =
                            context.getBean("webriskopsDashboard", ServletRegistrationBean.class);
                    assertThat(registration.getUrlMappings()).containsExactly("/ops/outbox/*");
                });
    }

    @Test
    void failsStartUpNamingTheMissingAuthenticator() {
        WITHOUT_AUTHENTICATOR
                .withPropertyValues("webriskops.webhooks.dashboard.enabled=true")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("needs a DashboardAuthenticator bean"));
    }

    @Test
    void behindTheApplicationsAuthenticationTheRequestPrincipalIsTheUser() {
        WITHOUT_AUTHENTICATOR
                .withPropertyValues(
                        "webriskops.webhooks.dashboard.enabled=true",
                        "webriskops.webhooks.dashboard.request-principal=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DashboardServlet servlet =
                            (DashboardServlet) context.getBean("webriskopsDashboard", ServletRegistrationBean.class)
                                    .getServlet();
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/webhooks-dashboard/");
                    request.setServletPath("/webhooks-dashboard");
                    request.setPathInfo("/");
                    request.setUserPrincipal(() -> "default");
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    servlet.service(request, response);
                    assertThat(response.getStatus()).isEqualTo(200);
                    assertThat(response.getContentAsString()).contains("Signed in as default (owner default)");
                    assertThat(response.getHeader("Set-Cookie")).contains("HttpOnly", "SameSite=Strict");

                    assertThat(call(servlet, "GET", "/", null, null).getStatus())
                            .as("no principal, no session")
                            .isEqualTo(303);
                });
    }

    private static MockHttpServletResponse call(
            DashboardServlet servlet, String method, String path, String token, String cookie)
            throws ServletException, IOException {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/webhooks-dashboard" + path);
        request.setServletPath("/webhooks-dashboard");
        request.setPathInfo(path);
        if (token != null) {
            request.setContentType("application/x-www-form-urlencoded");
            request.addParameter("token", token);
        }
        if (cookie != null) {
            String[] pair = cookie.split("=", 2);
            request.setCookies(new jakarta.servlet.http.Cookie(pair[0], pair[1]));
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        servlet.service(request, response);
        return response;
    }
}
