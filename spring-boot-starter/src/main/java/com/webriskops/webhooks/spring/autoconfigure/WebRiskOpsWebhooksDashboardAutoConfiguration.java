package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.dashboard.DashboardAudit;
import com.webriskops.webhooks.dashboard.DashboardAuthenticator;
import com.webriskops.webhooks.dashboard.DashboardServlet;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksConfigurationException;
import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import com.webriskops.webhooks.spring.internal.DispatcherLifecycle;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

/**
 * The operator dashboard, with {@code webriskops.webhooks.dashboard.enabled=true}: a {@link
 * DashboardServlet} on the sender's outbox and targets, served at {@code
 * webriskops.webhooks.dashboard.path} (default {@code /webhooks-dashboard}). The application declares a
 * {@link DashboardAuthenticator} bean (who may sign in, and which owner each sees); without one, behind
 * Spring Security (or with {@code webriskops.webhooks.dashboard.request-principal=true}) the request's
 * principal is the user, owning what carries its name; otherwise start-up fails naming the bean. Actions are recorded in the JDBI store's {@code dashboard_actions}
 * table with {@code webriskops.webhooks.store=jdbc}, else in memory, unless a {@link DashboardAudit} bean
 * is declared; "retry now" wakes the sender's dispatcher.
 */
@AutoConfiguration(after = WebRiskOpsWebhooksSenderAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DashboardServlet.class)
@ConditionalOnProperty(
        prefix = WebRiskOpsWebhooksProperties.PREFIX + ".dashboard",
        name = "enabled",
        havingValue = "true")
public final class WebRiskOpsWebhooksDashboardAutoConfiguration {
    private static final String DASHBOARD = WebRiskOpsWebhooksProperties.PREFIX + ".dashboard";
    private static final String SPRING_SECURITY = "org.springframework.security.core.Authentication";
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    @Bean
    @ConditionalOnMissingBean(name = "webriskopsDashboard")
    ServletRegistrationBean<DashboardServlet> webriskopsDashboard(
            WebRiskOpsWebhooksProperties properties,
            ObjectProvider<DeliveryStore> deliveries,
            ObjectProvider<TargetStore> targets,
            ObjectProvider<CredentialProvider> credentials,
            ObjectProvider<DashboardAuthenticator> authenticator,
            ObjectProvider<DashboardAudit> audit,
            ObjectProvider<JdbiStores> stores,
            ObjectProvider<DataSource> dataSource,
            ObjectProvider<DispatcherLifecycle> dispatcher) {
        WebRiskOpsWebhooksProperties.Dashboard settings = properties.getDashboard();
        String path = settings.getPath();
        if (path == null || !PATH.matcher(path).matches()) {
            throw new WebRiskOpsWebhooksConfigurationException(
                    DASHBOARD + ".path",
                    DASHBOARD + ".path must be a path such as /webhooks-dashboard",
                    "Use segments of letters, digits, '.', '_', '~' or '-', starting with '/', without a trailing '/'.");
        }
        DashboardAuthenticator signIn = authenticator.getIfAvailable();
        boolean principal = settings.getRequestPrincipal() != null
                ? settings.getRequestPrincipal()
                : ClassUtils.isPresent(
                        SPRING_SECURITY, WebRiskOpsWebhooksDashboardAutoConfiguration.class.getClassLoader());
        if (signIn == null && principal) {
            // Behind the application's Spring Security (or container login): its principal is the user,
            // owning what carries its name.
            signIn = DashboardAuthenticator.fromPrincipal(name -> name);
        }
        if (signIn == null) {
            throw new WebRiskOpsWebhooksConfigurationException(
                    DASHBOARD + ".enabled",
                    DASHBOARD + ".enabled=true needs a DashboardAuthenticator bean",
                    "Declare a DashboardAuthenticator bean (it checks the sign-in token and names the owner whose"
                            + " deliveries each user sees), or set " + DASHBOARD + ".request-principal=true behind"
                            + " the application's own authentication.");
        }
        DeliveryStore outbox = deliveries.getIfAvailable();
        TargetStore targetStore = targets.getIfAvailable();
        if (outbox == null || targetStore == null) {
            throw new WebRiskOpsWebhooksConfigurationException(
                    DASHBOARD + ".enabled",
                    DASHBOARD + ".enabled=true needs the sender's outbox",
                    "Set " + WebRiskOpsWebhooksProperties.PREFIX
                            + ".sender.enabled=true, or declare DeliveryStore and TargetStore beans.");
        }
        DashboardServlet.Builder builder = DashboardServlet.builder()
                .deliveryStore(outbox)
                .targetStore(targetStore)
                .authenticator(signIn)
                .sessionTimeout(settings.getSessionTimeout());
        credentials.ifAvailable(builder::credentials);
        DashboardAudit log = audit.getIfAvailable();
        if (log == null
                && properties.getStore() == WebRiskOpsWebhooksProperties.StoreType.JDBC
                && stores.getIfAvailable() != null
                && dataSource.getIfAvailable() != null) {
            log = DashboardAudit.jdbc(
                    dataSource.getObject(), properties.getJdbc().getTablePrefix());
        }
        if (log != null) {
            builder.audit(log);
        }
        DispatcherLifecycle lifecycle = dispatcher.getIfAvailable();
        if (lifecycle != null) {
            builder.onChange(() -> {
                if (lifecycle.isRunning()) {
                    lifecycle.dispatcher().wakeUp();
                }
            });
        }
        ServletRegistrationBean<DashboardServlet> registration =
                new ServletRegistrationBean<>(builder.build(), path + "/*");
        registration.setName("webriskopsDashboard");
        return registration;
    }
}
